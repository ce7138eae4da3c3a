/**
 * Lists the files below a folder, for the route manifest and the static files.
 * @module
 */

/** Every file below `dir`, as sorted paths relative to it; none when `dir` does not exist. */
export function listFiles(dir: URL): string[] {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return [];
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name)).flatMap((entry) => {
    if (entry.isDirectory) {
      return listFiles(new URL(`${entry.name}/`, dir)).map((file) => `${entry.name}/${file}`);
    }
    return entry.isFile ? [entry.name] : [];
  });
}
