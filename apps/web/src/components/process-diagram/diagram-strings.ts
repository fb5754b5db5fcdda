import { addFeatureStrings } from '@/lib/i18n/feature-strings';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// Merged into `processDiagram`, next to the section title the project page shows before the diagram loads.
addFeatureStrings('processDiagram', { en, 'zh-CN': zhCN });
