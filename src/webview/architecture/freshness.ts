import { pageIds } from '../../model/architecture/page';
import type { Banner } from '../../model/architecture/sceneTypes';
import { byId, themeColor } from './dom';

/** "12 s ago", "3 min ago", "2 h ago". */
export function age(fromMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}

/**
 * How current the picture is: "Updated 12 s ago" ticking every second; a failed read dims the picture and
 * shows the reason with Retry until a read works again; the rack's banner while it is not settled.
 */
export class Freshness {
  private readonly line = byId(pageIds.freshness, HTMLSpanElement);
  private readonly failure = byId(pageIds.failure, HTMLDivElement);
  private readonly failureText = byId(pageIds.failureText, HTMLSpanElement);
  private readonly banner = byId(pageIds.banner, HTMLDivElement);
  private readonly bannerText = byId(pageIds.bannerText, HTMLSpanElement);
  private updatedAt: number | undefined;
  private failedAt: number | undefined;

  constructor(
    private readonly canvas: HTMLElement,
    retry: () => void,
    diagnose: () => void,
  ) {
    byId(pageIds.diagnose, HTMLButtonElement).addEventListener('click', diagnose);
    byId(pageIds.retry, HTMLButtonElement).addEventListener('click', () => {
      this.failureText.textContent = 'Reading again…';
      retry();
    });
    setInterval(() => this.tick(), 1000);
  }

  updated(at: string): void {
    this.updatedAt = Date.parse(at);
    this.failedAt = undefined;
    this.failure.hidden = true;
    this.canvas.classList.remove('stale');
    this.tick();
  }

  failed(message: string, at: string): void {
    this.failedAt = Date.parse(at);
    this.failureText.textContent = message;
    this.failure.hidden = false;
    this.canvas.classList.add('stale');
    this.tick();
  }

  showBanner(banner: Banner | undefined): void {
    this.banner.hidden = banner === undefined;
    this.bannerText.textContent = banner?.text ?? '';
    this.banner.style.setProperty('--status', themeColor(banner?.status.color));
  }

  private tick(): void {
    const now = Date.now();
    const parts: string[] = [];
    if (this.updatedAt !== undefined) parts.push(`Updated ${age(this.updatedAt, now)}`);
    if (this.failedAt !== undefined) parts.push(`last read failed ${age(this.failedAt, now)}`);
    if (parts.length > 0) this.line.textContent = parts.join(' · ');
  }
}
