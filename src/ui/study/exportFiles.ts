/** Downloads of the Study panel: the CSV table and a PNG of the figures. */

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const style = getComputedStyle(document.documentElement);
  // CSS variables do not reach an SVG drawn as an image: put the theme's colours in
  let text = new XMLSerializer().serializeToString(copy);
  text = text.replace(
    /var\((--[a-z-]+)\)/g,
    (_m, name: string) => style.getPropertyValue(name).trim() || '#888',
  );
  const box = svg.getBoundingClientRect();
  if (!text.includes('xmlns=')) text = text.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
  text = text.replace('width="100%"', `width="${Math.round(box.width)}" height="${Math.round(box.height)}"`);
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the regime map could not be drawn'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
}

/** One PNG: title lines, the log-log chart and the regime map side by side. */
export async function figurePng(
  title: string[],
  chart: HTMLCanvasElement | null,
  map: SVGSVGElement | null,
): Promise<Blob> {
  const img = map ? await svgImage(map) : null;
  const pad = 16;
  const lineH = 20;
  const head = pad + title.length * lineH;
  const cw = chart?.width ?? 0;
  const ch = chart?.height ?? 0;
  const mw = img ? img.width : 0;
  const mh = img ? img.height : 0;
  const canvas = document.createElement('canvas');
  canvas.width = pad * 3 + cw + mw;
  canvas.height = head + Math.max(ch, mh) + pad;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const style = getComputedStyle(document.documentElement);
  ctx.fillStyle = style.getPropertyValue('--bg').trim() || '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = style.getPropertyValue('--ink').trim() || '#000';
  ctx.font = '14px system-ui, "DejaVu Sans", sans-serif';
  title.forEach((t, i) => {
    ctx.fillText(t, pad, pad + (i + 0.8) * lineH);
  });
  if (chart) ctx.drawImage(chart, pad, head);
  if (img) ctx.drawImage(img, pad * 2 + cw, head);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'),
  );
}
