import { type ReactNode, Suspense, lazy } from 'react';
import { Link, Route, Switch } from 'wouter';
import { decodedSegment } from './components/path.js';
import { ESCO_ATTRIBUTION } from './examples.js';
import { Home } from './pages/Home.js';
import { LinkingPage } from './linking/LinkingPage.js';
import { Workbench } from './linking/Workbench.js';
import { SettingsProvider, useSettings } from './settings.js';
import { useQuery } from './use-query.js';
import { VERSIONS, type Versions } from './api/documents.js';

const CareersSection = lazy(() => import('./careers/CareersSection.js'));
const InsightsPage = lazy(() => import('./insights/InsightsPage.js'));

function SettingsBar() {
  const { language, setLanguage, token, setToken, access } = useSettings();
  const versions = useQuery<Versions>(VERSIONS, {}, false, { keep: true });
  const languages = versions.data?.versions.find((v) => v.isDefault)?.languages ?? ['en'];
  const accessText =
    access === null ? 'checking…'
      : !access.enabled ? 'read-only server (no write token configured)'
        : access.granted ? 'writes allowed'
          : token ? 'wrong write token: read-only' : 'read-only: enter the write token';
  return (
    <div className="settings">
      <label>
        Language
        <select aria-label="Language" value={language} onChange={(e) => setLanguage(e.target.value)}>
          {(languages.includes(language) ? languages : [language, ...languages]).map((tag) => (
            <option key={tag} value={tag}>{tag}</option>
          ))}
        </select>
      </label>
      {access?.enabled !== false && (
        <label>
          Write token
          <input type="password" value={token} autoComplete="off" size={12} onChange={(e) => setToken(e.target.value.trim())} />
        </label>
      )}
      <span className={`access ${access?.granted ? 'ok' : ''}`} role="status">{accessText}</span>
    </div>
  );
}

const Lazy = ({ children }: { children: ReactNode }) => <Suspense fallback={<p role="status">Loading…</p>}>{children}</Suspense>;

export function App() {
  return (
    <SettingsProvider>
      <header className="top">
        <Link href="/" className="brand">escograph</Link>
        <nav aria-label="Main">
          <Link href="/linking">Linking</Link>
          <Link href="/careers">Careers</Link>
          <Link href="/insights">Skills intelligence</Link>
          {/* A full page load: the IDE is its own page, kept out of the app's bundle. */}
          <a href="/graphql">GraphQL IDE</a>
        </nav>
        <SettingsBar />
      </header>
      <main>
        <Switch>
          <Route path="/" component={Home} />
          <Route path="/linking" component={LinkingPage} />
          <Route path="/careers">{() => <Lazy><CareersSection /></Lazy>}</Route>
          <Route path="/careers/*">{() => <Lazy><CareersSection /></Lazy>}</Route>
          <Route path="/insights">{() => <Lazy><InsightsPage /></Lazy>}</Route>
          <Route path="/linking/:id">{(params) => <Workbench id={decodedSegment(params.id)} />}</Route>
          <Route>
            <h1>Page not found</h1>
            <p><Link href="/">Back to the start page</Link></p>
          </Route>
        </Switch>
      </main>
      <footer className="attribution">
        <p>{ESCO_ATTRIBUTION} ESCO is published by the European Commission under the European Union Public Licence.</p>
      </footer>
    </SettingsProvider>
  );
}
