import '@mdi/font/css/materialdesignicons.css';
import 'vuetify/styles';
import { createApp } from 'vue';
import { createVuetify } from 'vuetify';
import { en, ru } from 'vuetify/locale';
import PortalApp from './PortalApp.vue';
import { createPortalI18n, initialPortalLocale } from './i18n';
import { createPortalRouter } from './router';

const locale = initialPortalLocale();

const vuetify = createVuetify({
  theme: {
    defaultTheme: 'system',
    themes: {
      light: { dark: false, colors: { primary: '#1F5F8B', background: '#F4F6F9', success: '#2E7D4F', info: '#2F6FB5' } },
      dark: { dark: true, colors: { primary: '#7DB8E0', background: '#0F1419', surface: '#171D24', success: '#74C69D', info: '#8AB8F0' } },
    },
  },
  // Vuetify has no Kazakh texts; the few it shows here (loading) read fine in Russian.
  locale: { locale: locale === 'en' ? 'en' : 'ru', fallback: 'en', messages: { en, ru } },
  icons: { defaultSet: 'mdi' },
});

createApp(PortalApp).use(createPortalI18n(locale)).use(createPortalRouter()).use(vuetify).mount('#app');
