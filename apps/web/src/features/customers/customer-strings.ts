import { addFeatureStrings } from '@/lib/i18n/feature-strings';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// Merged into `customers`, next to the one word the app shell needs before (`customers.nav`).
addFeatureStrings('customers', { en, 'zh-CN': zhCN });
