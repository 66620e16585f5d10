// Cloak harness: reads the variants written by gesso_cloak_variants (manifest.csv + 224x224 RGB PPMs) and
// reports, per image, variant and transform, the cosine shift (1 - cosine similarity) between the variant's
// embedding and the original's embedding after the same transform, from MobileNetV2 as shipped inside the
// npm package nsfwjs (weights loaded from node_modules; nothing is fetched at run time).
// Two embeddings are read: "backbone" (the 1280-d global average pool of MobileNetV2, the generic image
// feature) and "head" (the 128-d penultimate dense layer, the layer before nsfwjs's classifier).
//
//   node harness.js VARIANTS_DIR [--json OUT.json]
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
require('@tensorflow/tfjs-backend-wasm');
const nsfwjs = require('nsfwjs');

function readPpm(file) {
  const buf = fs.readFileSync(file);
  // "P6\n<w> <h>\n255\n" then RGB bytes (as written by gesso_cloak_variants).
  const header = buf.subarray(0, 64).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error(`${file}: not a binary PPM`);
  const [w, h] = [Number(header[1]), Number(header[2])];
  const data = buf.subarray(header[0].length);
  if (data.length !== w * h * 3) throw new Error(`${file}: ${data.length} bytes of pixels, expected ${w * h * 3}`);
  return tf.tensor3d(new Int32Array(data), [h, w, 3], 'int32');
}

function cosineShift(a, b) {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; ++i) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return 1 - dot / Math.sqrt(na * nb);
}

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;

async function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node harness.js VARIANTS_DIR [--json OUT.json]');
    process.exit(2);
  }
  const jsonAt = process.argv.indexOf('--json');
  await tf.setBackend('wasm');
  await tf.ready();
  const model = await nsfwjs.load('MobileNetV2');
  const layer = (name) => model.model.layers.find((l) => l.name === name);
  const embedder = tf.model({ inputs: model.model.inputs, outputs: [layer('flatten_1').output, layer('dense_2').output] });
  const embed = (file) =>
    tf.tidy(() => {
      const img = readPpm(path.join(dir, file));
      const x = img.toFloat().div(255).reshape([1, 224, 224, 3]);  // nsfwjs's own normalisation
      return embedder.predict(x).map((t) => t.dataSync().slice());
    });

  const lines = fs.readFileSync(path.join(dir, 'manifest.csv'), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((l) => {
    const [image, variant, transform, psnr, ssim, scale, file] = l.split(',');
    return { image, variant, transform, psnr: Number(psnr), ssim: Number(ssim), scale: Number(scale), file };
  });
  const emb = new Map();
  const started = Date.now();
  for (const r of rows) emb.set(r.file, embed(r.file));
  const perEmbedding = (Date.now() - started) / rows.length;

  const results = [];
  for (const r of rows) {
    if (r.variant === 'original') continue;
    const o = rows.find((x) => x.image === r.image && x.variant === 'original' && x.transform === r.transform);
    const [vb, vh] = emb.get(r.file), [ob, oh] = emb.get(o.file);
    results.push({ ...r, backbone: cosineShift(vb, ob), head: cosineShift(vh, oh) });
  }

  // Per image: the cloak's shift next to equal-PSNR noise.
  const transforms = [...new Set(rows.map((r) => r.transform))];
  const levels = ['low', 'medium', 'high'];
  const images = [...new Set(rows.map((r) => r.image))];
  const find = (image, variant, transform) =>
    results.find((x) => x.image === image && x.variant === variant && x.transform === transform);
  console.log(`MobileNetV2 (nsfwjs ${JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules/nsfwjs/package.json'), 'utf8')).version}, tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}), ` +
              `${rows.length} embeddings, ${perEmbedding.toFixed(0)} ms each`);
  console.log('\nPer image, cosine shift x1000 of the backbone embedding vs the original after the same transform:');
  console.log(['image', 'level', 'PSNR', 'SSIM cloak/noise', ...transforms.map((t) => `${t} cloak/noise`)].join(' | '));
  for (const image of images)
    for (const l of levels) {
      const c = find(image, `cloak_${l}`, 'none'), n = find(image, `noise_${l}`, 'none');
      if (!c) continue;
      const cells = transforms.map((t) => {
        const a = find(image, `cloak_${l}`, t), b = find(image, `noise_${l}`, t);
        return `${(1000 * a.backbone).toFixed(2)}/${(1000 * b.backbone).toFixed(2)}`;
      });
      console.log([image, l, c.psnr >= 999 ? 'unchanged' : c.psnr.toFixed(2), `${c.ssim.toFixed(4)}/${n.ssim.toFixed(4)}`, ...cells].join(' | '));
    }

  // Summary over the images the cloak changed: mean shift and how often the cloak beats noise.
  console.log('\nSummary (images the cloak changed), mean cosine shift x1000, backbone | head, and cloak > noise count:');
  console.log('| level | mean PSNR | mean SSIM | transform | cloak backbone | noise backbone | cloak head | noise head | cloak > noise (backbone) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const summary = [];
  for (const l of levels)
    for (const t of transforms) {
      const cs = results.filter((x) => x.variant === `cloak_${l}` && x.transform === t && x.psnr < 999);
      const ns = cs.map((c) => find(c.image, `noise_${l}`, t));
      const wins = cs.filter((c, i) => c.backbone > ns[i].backbone).length;
      const s = {
        level: l, transform: t, images: cs.length, psnr: mean(cs.map((c) => c.psnr)), ssim: mean(cs.map((c) => c.ssim)),
        cloak_backbone: mean(cs.map((c) => c.backbone)), noise_backbone: mean(ns.map((n) => n.backbone)),
        cloak_head: mean(cs.map((c) => c.head)), noise_head: mean(ns.map((n) => n.head)), wins,
      };
      summary.push(s);
      console.log(`| ${l} | ${s.psnr.toFixed(2)} | ${s.ssim.toFixed(4)} | ${t} | ${(1000 * s.cloak_backbone).toFixed(2)} | ` +
                  `${(1000 * s.noise_backbone).toFixed(2)} | ${(1000 * s.cloak_head).toFixed(2)} | ${(1000 * s.noise_head).toFixed(2)} | ${wins}/${cs.length} |`);
    }
  // For scale: the shift between two different pictures of the set (originals, no transform).
  const originals = rows.filter((r) => r.variant === 'original' && r.transform === 'none');
  const between = [];
  for (let i = 0; i < originals.length; ++i)
    for (let j = i + 1; j < originals.length; ++j)
      between.push(cosineShift(emb.get(originals[i].file)[0], emb.get(originals[j].file)[0]));
  console.log(`\nFor scale: between two different pictures of the set the backbone shift x1000 is ` +
              `${(1000 * Math.min(...between)).toFixed(1)} to ${(1000 * Math.max(...between)).toFixed(1)} (mean ${(1000 * mean(between)).toFixed(1)}).`);
  if (jsonAt > 0) fs.writeFileSync(process.argv[jsonAt + 1], JSON.stringify({ results, summary, between }, null, 1));
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
