import { addFeatureStrings } from '@/lib/i18n/feature-strings';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// Merged into `definitions`, next to the one word the app shell needs before (`definitions.nav`).
addFeatureStrings('definitions', { en, 'zh-CN': zhCN });
