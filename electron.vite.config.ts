import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

// TypeORM entities need legacy decorators with metadata; without this Vite 8 (Oxc) leaves them
// untransformed and the bundle dies at run time (see shared/TOOLCHAIN.md). The built-bundle test
// in src/main/mainBundle.test.ts fails if this ever regresses.
const decorators = { decorator: { legacy: true, emitDecoratorMetadata: true } };

export default defineConfig({
  main: {
    oxc: decorators,
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      alias: {
        '@renderer': resolve(__dirname, 'src/renderer/src'),
        '@shared': resolve(__dirname, 'src/shared'),
      },
    },
    plugins: [vue(), vuetify({ autoImport: true })],
    define: { __VUE_I18N_FULL_INSTALL__: true, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
