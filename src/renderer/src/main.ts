import { createPinia } from 'pinia';
import { createApp } from 'vue';
import AppRoot from './AppRoot.vue';
import { createAppI18n } from './i18n';
import { pickLocale } from './i18n/pickLocale';
import { createAppVuetify } from './plugins/vuetify';
import { createAppRouter } from './router';

const app = createApp(AppRoot);
app.use(createPinia());
app.use(createAppI18n(pickLocale(null, navigator.languages ?? [])));
app.use(createAppVuetify());
app.use(createAppRouter());
app.mount('#app');
