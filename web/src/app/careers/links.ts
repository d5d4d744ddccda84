/** Career explorer paths: concept URIs travel percent-encoded in one path segment. */
export const occupationPath = (uri: string) => `/careers/occupation/${encodeURIComponent(uri)}`;
export const skillPath = (uri: string) => `/careers/skill/${encodeURIComponent(uri)}`;
export const iscoPath = (code: string) => `/careers/isco/${code}`;
export const percent = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${Math.round(value * 100)}%`);
