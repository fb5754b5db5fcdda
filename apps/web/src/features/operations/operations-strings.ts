import { addFeatureStrings } from '@/lib/i18n/feature-strings';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// Merged into `operations`, next to the one word the app shell needs before (`operations.nav`).
addFeatureStrings('operations', { en, 'zh-CN': zhCN });
