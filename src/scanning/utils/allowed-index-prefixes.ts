/**
 * The allow-list as the engine compares it (a plain text prefix after lower-casing scheme and
 * host). An entry with no path, `https://pypi.example.edu`, is meant to approve that host, but
 * as a text prefix it would also approve `https://pypi.example.edu.attacker.example/` and other
 * ports; ending it with `/` limits it to the host it names.
 */
export function allowedIndexPrefixes(urls: readonly string[]): string[] {
  return urls.map((url) => {
    const trimmed = url.trim();
    return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]+$/.test(trimmed) ? `${trimmed}/` : trimmed;
  });
}
