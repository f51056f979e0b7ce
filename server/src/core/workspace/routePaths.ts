// Framework route files known by their path (Next.js app router and API routes, SvelteKit endpoints).
// Checked segment by segment: the obvious regular expressions, like `(^|\/)app\/(.*\/)?route\.ts$`,
// backtrack quadratically on long paths with many `app/` folders.

/** Whether the file name of `path` matches `fileName` (anchored) and one of its folders is named `folder`. */
export function fileUnderFolder(path: string, folder: string, fileName: RegExp): boolean {
  const slash = path.lastIndexOf("/");
  if (slash < 0 || !fileName.test(path.slice(slash + 1))) return false;
  return path.slice(0, slash).split("/").includes(folder);
}

/** Next.js `app/**\/route.ts` and SvelteKit `routes/**\/+server.ts`: their exports handle requests. */
export function isRouteHandlerPath(path: string): boolean {
  return fileUnderFolder(path, "app", /^route\.(ts|js|mjs|tsx|jsx)$/) || fileUnderFolder(path, "routes", /^\+server\.(ts|js)$/);
}

/** SvelteKit endpoints: a `+server.ts` under `routes`. */
export function isSvelteKitEndpoint(path: string): boolean {
  return fileUnderFolder(path, "routes", /^\+server\.(ts|js)$/);
}

/** Next.js pages-router API routes: `pages/api/**`. */
export function isPagesApiPath(path: string): boolean {
  return /(^|\/)pages\/api\//.test(path);
}

/**
 * Vercel functions: a script in the `api` folder at the root of a project (a folder holding
 * `package.json` or `vercel.json`, or the workspace root), in any sub-folder of it.
 */
export function isRootApiPath(path: string, isProjectRoot: (dir: string) => boolean): boolean {
  if (!/\.(js|ts|mjs|cjs|mts|cts)$/.test(path) || /\.d\.ts$/.test(path)) return false;
  const parts = path.split("/");
  for (let i = parts.length - 2; i >= 1; i--) {
    // Vercel serves no file or folder whose name starts with `_` or `.` (shared helpers live there).
    if (parts[i] === "api" && isProjectRoot(parts.slice(0, i).join("/"))) return !parts.slice(i + 1).some((p) => p.startsWith("_") || p.startsWith("."));
  }
  return false;
}
