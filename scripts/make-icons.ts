// Writes the app icons electron-builder packs: build/icon.png (512x512, Linux and the source
// of the others), build/icon.ico (Windows: PNG entries 16-256) and build/icon.icns (macOS: PNG
// entries 16-1024), and renderer/public/icon.png (256x256: the favicon, and the window icon the
// main process sets from the built renderer). Drawn here, not in an image editor, so they can be made again on any machine:
//   npx tsx scripts/make-icons.ts
// The picture is the app's header mark: two arrows passing each other on the brand blue.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = path.join(ROOT, 'build');
const RENDERER_PUBLIC = path.join(ROOT, 'renderer', 'public');
const BLUE: [number, number, number] = [0x22, 0x8b, 0xe6]; // Mantine blue.6, the header's mark

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGBA image as a PNG file. */
function png(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

/** Inside the rounded square (coordinates 0..1)? */
function inTile(x: number, y: number): boolean {
  const m = 0.06;
  const r = 0.2;
  if (x < m || y < m || x > 1 - m || y > 1 - m) return false;
  const cx = Math.min(Math.max(x, m + r), 1 - m - r);
  const cy = Math.min(Math.max(y, m + r), 1 - m - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Two arrows: one to the right on top, one to the left below. */
function inArrows(x: number, y: number): boolean {
  const arrow = (yc: number, right: boolean) => {
    const u = right ? x : 1 - x;
    const shaft = u >= 0.24 && u <= 0.62 && Math.abs(y - yc) <= 0.045;
    const head = u >= 0.6 && u <= 0.78 && Math.abs(y - yc) <= (0.78 - u) * 0.95;
    return shaft || head;
  };
  return arrow(0.36, true) || arrow(0.64, false);
}

function draw(size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const samples = 4; // 4x4 supersampling for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let mark = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (inTile(x, y)) {
            tile += 1;
            if (inArrows(x, y)) mark += 1;
          }
        }
      }
      const n = samples * samples;
      const i = (py * size + px) * 4;
      const white = tile ? mark / tile : 0;
      out[i] = Math.round(BLUE[0] + (255 - BLUE[0]) * white);
      out[i + 1] = Math.round(BLUE[1] + (255 - BLUE[1]) * white);
      out[i + 2] = Math.round(BLUE[2] + (255 - BLUE[2]) * white);
      out[i + 3] = Math.round((255 * tile) / n);
    }
  }
  return out;
}

/** ICO with PNG entries (read by Windows Vista and later). */
function ico(images: Array<{ size: number; data: Buffer }>): Buffer {
  const head = Buffer.alloc(6 + images.length * 16);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + i * 16;
    head[e] = size >= 256 ? 0 : size; // 0 means 256
    head[e + 1] = size >= 256 ? 0 : size;
    head[e + 2] = 0;
    head[e + 3] = 0;
    head.writeUInt16LE(1, e + 4); // planes
    head.writeUInt16LE(32, e + 6); // bits per pixel
    head.writeUInt32LE(data.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map((i) => i.data)]);
}

/** ICNS with PNG entries, by their OSType. */
function icns(entries: Array<{ type: string; data: Buffer }>): Buffer {
  const parts = entries.map(({ type, data }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const pngOf = new Map<number, Buffer>();
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) pngOf.set(size, png(size, draw(size)));
const get = (size: number) => pngOf.get(size)!;

writeFileSync(path.join(BUILD, 'icon.png'), get(512));
writeFileSync(path.join(BUILD, 'icon.ico'), ico([16, 32, 48, 64, 128, 256].map((size) => ({ size, data: get(size) }))));
writeFileSync(
  path.join(BUILD, 'icon.icns'),
  icns([
    { type: 'icp4', data: get(16) },
    { type: 'icp5', data: get(32) },
    { type: 'icp6', data: get(64) },
    { type: 'ic07', data: get(128) },
    { type: 'ic08', data: get(256) },
    { type: 'ic09', data: get(512) },
    { type: 'ic10', data: get(1024) },
  ]),
);
mkdirSync(RENDERER_PUBLIC, { recursive: true });
writeFileSync(path.join(RENDERER_PUBLIC, 'icon.png'), get(256));
console.log('wrote build/icon.png, build/icon.ico, build/icon.icns, renderer/public/icon.png');
