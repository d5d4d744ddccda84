import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Two pages: the app (index.html, every client-side route) and the GraphQL IDE (ide.html, served for a browser's
// GET /graphql). The IDE's editor is heavy; as its own entry it never weighs on the app's first load.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The IDE's Monaco editor is one large chunk by design, loaded only by the IDE page.
    chunkSizeWarningLimit: 3000,
    rollupOptions: {
      input: { app: 'index.html', ide: 'ide.html' },
      // GraphiQL's "use no memo" directives are React-compiler hints, meaningless in a bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // GraphiQL's worker set-up imports `…?worker` modules, which only Vite's own pipeline (not its pre-bundler) can load.
  optimizeDeps: { exclude: ['@graphiql/react', 'graphiql'] },
  server: {
    // `npm run dev -w web` against a server started with `npm start` (port 4000).
    proxy: Object.fromEntries(['/graphql', '/sparql', '/export'].map((path) => [path, 'http://localhost:4000'])),
  },
});
