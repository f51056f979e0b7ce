// POSIX-style path helpers for the pure core (Windows paths are normalised to forward slashes first).

export function normalizePath(path: string): string {
  const slashed = path.replace(/\\/g, "/");
  const absolute = slashed.startsWith("/");
  const drive = /^[A-Za-z]:\//.exec(slashed)?.[0];
  const parts: string[] = [];
  for (const part of slashed.slice(drive ? drive.length : 0).split("/")) {
    if (!part || part === ".") continue;
    if (part === "..") {
      if (parts.length && parts[parts.length - 1] !== "..") parts.pop();
      else if (!absolute && !drive) parts.push("..");
      continue;
    }
    parts.push(part);
  }
  return (drive ?? (absolute ? "/" : "")) + parts.join("/");
}

export function joinPath(base: string, ...parts: string[]): string {
  return normalizePath([base, ...parts].join("/"));
}

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  if (i < 0) return ".";
  if (i === 0) return "/";
  if (/^[A-Za-z]:$/.test(path.slice(0, i))) return path.slice(0, i + 1);
  return path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function relativePath(from: string, to: string): string {
  const a = normalizePath(from).split("/").filter(Boolean);
  const b = normalizePath(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/") || ".";
}
