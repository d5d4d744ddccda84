import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GRAPHQL_EXAMPLES } from '../app/examples.js';
import './ide.css';

// GraphiQL with the schema from introspection, served by escograph itself: no CDN, works on an offline intranet.
const fetcher = createGraphiQLFetcher({ url: '/graphql' });
// A link such as the start page's "Open in the IDE" carries its query: it opens in the active tab (a first visit
// also gets the examples as tabs; GraphiQL keeps a returning user's tabs).
const linked = new URLSearchParams(location.search).get('query') ?? undefined;
// The app keeps the write token for this tab; the IDE offers it as a header rather than making the user paste it.
const token = sessionStorage.getItem('escograph.token');

createRoot(document.getElementById('ide')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      initialQuery={linked}
      defaultTabs={[...(linked ? [{ query: linked }] : []), ...GRAPHQL_EXAMPLES.map((example) => ({ query: `# ${example.title}\n${example.query}` }))]}
      initialHeaders={token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined}
    >
      <GraphiQL.Logo>
        <a href="/">escograph</a>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
