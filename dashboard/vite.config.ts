import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [svelte()],
  // The API's response types and pure domain rules, imported as `$api/…` (dashboard/tsconfig.json says the same).
  resolve: { alias: { $api: fileURLToPath(new URL('../api/src', import.meta.url)) } },
  // exceljs (~930 kB) is a chunk of its own, loaded only when someone exports an xlsx.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
