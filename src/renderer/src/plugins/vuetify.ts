import '@mdi/font/css/materialdesignicons.css';
import 'vuetify/styles';
import { createVuetify, type ThemeDefinition } from 'vuetify';
import { en, ru } from 'vuetify/locale';
import { kk } from './vuetifyKk';

/** A calm teal-blue: readable for long review sessions, distinct from status colours. */
const light: ThemeDefinition = {
  dark: false,
  colors: {
    background: '#F4F6F9',
    surface: '#FFFFFF',
    'surface-variant': '#E3E8EF',
    'on-surface-variant': '#3A4554',
    primary: '#1F5F8B',
    secondary: '#4F6475',
    success: '#2E7D4F',
    warning: '#B26A00',
    error: '#B3261E',
    info: '#2F6FB5',
  },
};

const dark: ThemeDefinition = {
  dark: true,
  colors: {
    background: '#0F1419',
    surface: '#171D24',
    'surface-variant': '#2A323C',
    'on-surface-variant': '#C9D2DD',
    primary: '#7DB8E0',
    secondary: '#A9BCCB',
    success: '#74C69D',
    warning: '#F2B35A',
    error: '#F2867E',
    info: '#8AB8F0',
  },
};

export function createAppVuetify() {
  return createVuetify({
    theme: { defaultTheme: 'system', themes: { light, dark } },
    locale: { locale: 'ru', fallback: 'en', messages: { en, ru, kk } },
    icons: { defaultSet: 'mdi' },
    defaults: {
      VTextField: { variant: 'outlined', density: 'comfortable', color: 'primary' },
      // Every form field looks alike: selects and text areas follow the text fields.
      VSelect: { variant: 'outlined', density: 'comfortable', color: 'primary' },
      VCombobox: { variant: 'outlined', density: 'comfortable', color: 'primary' },
      VTextarea: { variant: 'outlined', density: 'comfortable', color: 'primary' },
      VBtn: { style: 'text-transform: none; letter-spacing: normal;' },
      VCard: { rounded: 'lg' },
      VChip: { size: 'small' },
      VAlert: { variant: 'tonal', density: 'comfortable' },
    },
  });
}
