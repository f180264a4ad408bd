/**
 * Headless Chromium for the page tests, from npm packages only: @sparticuz/chromium ships the
 * browser, playwright-core drives it, axe-core checks accessibility inside each page. One browser
 * per test file.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * What the functions run inside the page use of the browser's globals. The project compiles
 * without the DOM library (its types clash with Node's), so they are declared here, in this module only.
 */
interface PixelData {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}
declare class Image {
  src: string;
  width: number;
  height: number;
  decode(): Promise<void>;
}
declare const document: {
  createElement(tag: 'canvas'): {
    width: number;
    height: number;
    getContext(kind: '2d'): { drawImage(image: Image, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): PixelData } | null;
  };
};

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASELINES = join(__dirname, 'baselines');
/** `UPDATE_SCREENSHOTS=1` writes the baselines (and the README's pictures) instead of comparing with them. */
const UPDATING = process.env.UPDATE_SCREENSHOTS === '1';

export const VIEWPORT = { width: 1280, height: 900 };

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await sparticuz.executablePath();
  return chromium.launch({ executablePath, args: sparticuz.args, headless: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical accessibility violations on the page as it is now (WCAG 2.1 A and AA rules and axe's best practices). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the pages' Content-Security-Policy forbids inline scripts, rightly.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

export interface ScreenshotComparison {
  width: number;
  height: number;
  /** Share of pixels that differ noticeably from the baseline (0 when the baseline was just written). */
  differingShare: number;
  /** Share of pixels that are not the page's background: a blank page is near 0. */
  inkShare: number;
}

/**
 * Reads a PNG (and compares it with a baseline, when given) pixel by pixel, decoded by the browser
 * itself on a canvas, so the tests need no image library.
 */
async function analysePng(page: Page, actual: Buffer, expected: Buffer | null): Promise<ScreenshotComparison & { sameSize: boolean }> {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(
      async ([a, b]) => {
        const load = async (base64: string) => {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext('2d')!;
          context.drawImage(image, 0, 0);
          return context.getImageData(0, 0, image.width, image.height);
        };
        const channelDelta = (x: Uint8ClampedArray, i: number, y: Uint8ClampedArray, j: number) =>
          Math.max(Math.abs(x[i] - y[j]), Math.abs(x[i + 1] - y[j + 1]), Math.abs(x[i + 2] - y[j + 2]));
        const shot = await load(a);
        const pixels = shot.width * shot.height;
        let ink = 0;
        // Ink: pixels unlike the top-left one (the background); a blank page has next to none.
        for (let index = 0; index < shot.data.length; index += 4) if (channelDelta(shot.data, index, shot.data, 0) > 16) ink += 1;
        const result = { width: shot.width, height: shot.height, inkShare: ink / pixels, differingShare: 0, sameSize: true };
        if (b === null) return result;
        const baseline = await load(b);
        if (baseline.width !== shot.width || baseline.height !== shot.height) return { ...result, differingShare: 1, sameSize: false };
        let differing = 0;
        for (let index = 0; index < shot.data.length; index += 4) if (channelDelta(shot.data, index, baseline.data, index) > 48) differing += 1;
        return { ...result, differingShare: differing / pixels };
      },
      [actual.toString('base64'), expected === null ? null : expected.toString('base64')] as const,
    );
  } finally {
    await blank.close();
  }
}

/**
 * Screenshots the viewport and compares it with the checked-in baseline `name`.png (written when
 * missing or when UPDATE_SCREENSHOTS=1). `copyTo` also saves a full-page picture (the README's).
 */
export async function compareScreenshot(page: Page, name: string, copyTo?: string): Promise<ScreenshotComparison> {
  const shot = await page.screenshot({ fullPage: false, animations: 'disabled', caret: 'hide' });
  const baseline = join(BASELINES, `${name}.png`);
  if (copyTo && (UPDATING || !existsSync(copyTo))) {
    mkdirSync(dirname(copyTo), { recursive: true });
    writeFileSync(copyTo, await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' }));
  }
  const writing = UPDATING || !existsSync(baseline);
  const { sameSize, ...comparison } = await analysePng(page, shot, writing ? null : readFileSync(baseline));
  if (writing) {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(baseline, shot);
  }
  if (!sameSize) throw new Error(`${name}: the screenshot is ${comparison.width}×${comparison.height}, not the baseline's size`);
  return comparison;
}
