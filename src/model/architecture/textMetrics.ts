/** The diagram's two fonts: names in bold, everything else regular (media/architecture.css draws the same). */
export type FontKind = 'title' | 'text';

export const fontSizes: Readonly<Record<FontKind, number>> = { title: 13, text: 12 };

/**
 * Advance widths of the printable ASCII characters (space to `~`) in hundredths of an em, rounded up, of DejaVu
 * Sans regular and bold as Chromium draws them: the widest of the usual interface fonts and what Linux falls back
 * to, so a text measured by them fits in Segoe UI, San Francisco, Ubuntu or Cantarell too.
 */
const asciiWidths: Readonly<Record<FontKind, readonly number[]>> = {
  text: [
    32, 41, 46, 84, 64, 96, 78, 28, 40, 40, 50, 84, 32, 37, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84,
    84, 84, 54, 100, 71, 69, 70, 78, 64, 58, 78, 76, 30, 30, 66, 56, 87, 75, 79, 61, 79, 70, 64, 60, 74, 69, 99, 69, 62,
    69, 40, 34, 40, 84, 50, 50, 62, 64, 55, 64, 62, 35, 64, 64, 28, 28, 58, 28, 98, 64, 62, 64, 64, 40, 53, 40, 64, 60,
    82, 60, 60, 53, 64, 34, 64, 84,
  ],
  title: [
    38, 46, 53, 84, 70, 101, 88, 31, 46, 46, 53, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84,
    84, 84, 59, 100, 78, 77, 74, 84, 69, 69, 83, 84, 38, 38, 78, 64, 100, 84, 86, 74, 86, 78, 68, 71, 82, 78, 111, 78,
    73, 73, 46, 37, 46, 84, 50, 50, 68, 72, 60, 72, 68, 41, 72, 72, 35, 35, 67, 35, 105, 72, 69, 72, 72, 50, 60, 48, 72,
    66, 93, 65, 66, 59, 72, 37, 72, 84,
  ],
};
/** Anything else (accents, CJK, symbols) is taken as a full em: wide enough for any of them. */
const otherWidth = 100;
/** Room for hinting and kerning differences between machines. */
const safety = 1.05;

export const ellipsis = '…';

function pixels(hundredths: number, font: FontKind): number {
  return (hundredths / 100) * fontSizes[font] * safety;
}

/** Pixel widths at 100% of the printable ASCII characters, by code less 32, per font, worked out once. */
const asciiPixels: Readonly<Record<FontKind, readonly number[]>> = {
  text: asciiWidths.text.map((hundredths) => pixels(hundredths, 'text')),
  title: asciiWidths.title.map((hundredths) => pixels(hundredths, 'title')),
};
const otherPixels: Readonly<Record<FontKind, number>> = {
  text: pixels(otherWidth, 'text'),
  title: pixels(otherWidth, 'title'),
};

/**
 * How wide `text` is drawn in a font, in pixels at 100%; never less than it really is in the fonts above. A
 * character beyond the first plane counts twice: wider than it is, never narrower.
 */
export function textWidth(text: string, font: FontKind): number {
  const ascii = asciiPixels[font];
  const other = otherPixels[font];
  let width = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    width += code >= 32 && code < 127 ? ascii[code - 32] : other;
  }
  return width;
}

/**
 * The text as is when it fits in `room` pixels, else its start and end around `…`: an AWS id keeps both its kind
 * (`i-005`) and its last characters (`1fc00`), which tell ids apart. Never wider than the room, if that holds `…`.
 */
export function shortenMiddle(text: string, room: number, font: FontKind): string {
  if (textWidth(text, font) <= room) return text;
  const characters = [...text];
  const widths = characters.map((character) => textWidth(character, font));
  let width = textWidth(ellipsis, font);
  let head = 0;
  let tail = 0;
  // Alternately one more from the start and from the end, the start first, while the result still fits.
  while (head + tail < characters.length) {
    const next = head <= tail ? head : characters.length - 1 - tail;
    if (width + widths[next] > room) break;
    width += widths[next];
    if (head <= tail) head += 1;
    else tail += 1;
  }
  return characters.slice(0, head).join('') + ellipsis + characters.slice(characters.length - tail).join('');
}

/** Where a line may end: after a space (dropped at the break), or after the punctuation names and hosts are cut at. */
const breakAfter = /[\s\-./:,_@=]/;

/** The text as pieces that end where a line may break: `a.b c` → `a.`, `b `, `c`. */
function pieces(text: string): string[] {
  const found: string[] = [];
  let current = '';
  for (const character of text) {
    current += character;
    if (breakAfter.test(character)) {
      found.push(current);
      current = '';
    }
  }
  if (current !== '') found.push(current);
  return found;
}

/**
 * The text in lines no wider than `room`, broken after spaces and punctuation, else between characters: all of
 * it, nothing cut off or replaced with `…`. No line starts or ends with a space.
 */
export function wrapText(text: string, room: number, font: FontKind): string[] {
  const whole = text.trim();
  // Most texts fit on one line, and need no breaking up.
  if (textWidth(whole, font) <= room) return whole === '' ? [] : [whole];
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const flush = (): void => {
    const trimmed = line.trim();
    if (trimmed !== '') lines.push(trimmed);
    line = '';
    width = 0;
  };
  for (const piece of pieces(whole)) {
    const word = piece.trimEnd();
    const wordWidth = textWidth(word, font);
    // A line may end in the piece's space, which is then dropped: only what is drawn must fit.
    if (line !== '' && width + wordWidth > room) flush();
    if (wordWidth <= room) {
      line += piece;
      width += textWidth(piece, font);
      continue;
    }
    // Too wide for any line: cut between characters.
    for (const character of piece) {
      const characterRoom = textWidth(character, font);
      if (line !== '' && width + characterRoom > room && !/\s/.test(character)) flush();
      line += character;
      width += characterRoom;
    }
  }
  flush();
  return lines;
}
