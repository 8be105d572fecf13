import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

/**
 * The candidate portal: static pages built to out/portal and served by the sync server at `/`.
 * The vue-i18n flags drop its legacy API and devtools hooks from the bundle.
 */
export default defineConfig({
  root: resolve(__dirname, 'src/portal'),
  base: '/',
  plugins: [vue(), vuetify({ autoImport: true })],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: resolve(__dirname, 'out/portal'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
});
