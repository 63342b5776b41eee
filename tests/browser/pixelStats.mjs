// Pixel statistics of a PNG screenshot, computed inside the page (decoding via <img> + 2D canvas),
// so no image library is needed in node.

/**
 * For a PNG (Buffer), returns { width, height, distinctColours, nonBackground, near: {name: count} }
 * where `near` counts pixels within `tolerance` (per channel) of each named colour and `runs` the
 * horizontal runs of such pixels (near / runs is the mean run length: it grows when zooming in),
 * and for each named colour the centroid and horizontal extent of its pixels.
 */
export async function pixelStats(
  page,
  png,
  { background = [255, 255, 255], colours = {}, tolerance = 40 } = {},
) {
  return page.evaluate(
    async ({ b64, background, colours, tolerance }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      let nonBackground = 0;
      const near = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]));
      const runs = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]));
      const prev = {};
      const sum = Object.fromEntries(
        Object.keys(colours).map((k) => [k, { x: 0, y: 0, minX: Infinity, maxX: -Infinity }]),
      );
      const close = (r, g, b, [R, G, B]) =>
        Math.abs(r - R) <= tolerance && Math.abs(g - G) <= tolerance && Math.abs(b - B) <= tolerance;
      for (let i = 0; i < d.length; i += 4) {
        const r = d[i];
        const g = d[i + 1];
        const b = d[i + 2];
        seen.add((r << 16) | (g << 8) | b);
        if (!close(r, g, b, background)) nonBackground++;
        const x = (i / 4) % c.width;
        for (const [k, rgb] of Object.entries(colours)) {
          const hit = close(r, g, b, rgb);
          if (hit) {
            near[k]++;
            const y = Math.floor(i / 4 / c.width);
            const m = sum[k];
            m.x += x;
            m.y += y;
            m.minX = Math.min(m.minX, x);
            m.maxX = Math.max(m.maxX, x);
          }
          if (hit && (x === 0 || !prev[k])) runs[k]++;
          prev[k] = hit;
        }
      }
      const centroid = Object.fromEntries(
        Object.entries(sum).map(([k, m]) => [
          k,
          { x: m.x / near[k], y: m.y / near[k], width: m.maxX - m.minX + 1 },
        ]),
      );
      return {
        width: c.width,
        height: c.height,
        distinctColours: seen.size,
        nonBackground,
        near,
        runs,
        centroid,
      };
    },
    { b64: png.toString('base64'), background, colours, tolerance },
  );
}
