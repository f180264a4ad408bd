const MAX_COMPARED_LENGTH = 40;

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known name a typo most likely meant ("enviroment" → "environment"), or null when nothing
 * is close. Long inputs are not compared: they are not typos of short names, and comparing them
 * would make a hostile header quadratic.
 */
export function closestName(typed: string, known: readonly string[]): string | null {
  const input = typed.toLowerCase();
  if (input.length === 0 || input.length > MAX_COMPARED_LENGTH) return null;
  const tolerated = Math.max(1, Math.floor(input.length / 3));
  let best: string | null = null;
  let bestDistance = tolerated + 1;
  for (const name of known) {
    // The distance is at least the difference in length: skip names that cannot be close enough.
    if (Math.abs(name.length - input.length) >= bestDistance) continue;
    const distance = editDistance(input, name.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}
