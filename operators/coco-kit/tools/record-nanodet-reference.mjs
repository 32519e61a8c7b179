// Runs the original TF.js NanoDet graph on pre-processed inputs and writes its raw outputs, so the converted
// ONNX can be checked against an independent implementation. Needs only the npm package @tensorflow/tfjs@4.22.0
// (pure-JavaScript CPU backend). See tools/README.md.
//
// usage: node record-nanodet-reference.mjs nanodet.json nanodet.bin DIR
//   reads DIR/<frame>.input.f32 ([1,3,416,416] float32, little-endian)
//   writes DIR/<frame>.<output>.f32 for each model output (float32, little-endian)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(process.cwd(), 'noop.js'));
const tf = require('@tensorflow/tfjs');

const [modelJson, weightsBin, dir] = process.argv.slice(2);
const model = JSON.parse(fs.readFileSync(modelJson, 'utf8'));
const weights = fs.readFileSync(weightsBin);
await tf.setBackend('cpu');
const graph = await tf.loadGraphModel(tf.io.fromMemory({
  modelTopology: model.modelTopology,
  weightSpecs: model.weightsManifest.flatMap((g) => g.weights),
  weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  format: model.format,
}));
const outputs = Object.keys(model.signature.outputs);
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.input.f32')).sort()) {
  const bytes = fs.readFileSync(path.join(dir, file));
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const input = tf.tensor(data, [1, 3, 416, 416], 'float32');
  const started = Date.now();
  const results = graph.execute({ [Object.keys(model.signature.inputs)[0].replace(/:0$/, '')]: input }, outputs);
  const base = file.replace(/\.input\.f32$/, '');
  outputs.forEach((name, i) => {
    const values = results[i].dataSync();
    fs.writeFileSync(path.join(dir, `${base}.${name.replace(/:0$/, '')}.f32`),
      Buffer.from(values.buffer, values.byteOffset, values.byteLength));
    console.log(base, name, results[i].shape.join('x'));
  });
  console.log(base, 'took', Date.now() - started, 'ms');
  tf.dispose([input, ...results]);
}
