"""Writes random MOTS sequences and TrackEval's figures for them (mots_reference.json), plus one of
them as YouTube-VIS ground truth and masklets JSON lines for the cross-format test.

Needs numpy, scipy and a TrackEval checkout: python3 generate_mots_reference.py /path/to/TrackEval
pycocotools, scikit-image and OpenCV are not needed: small numpy stand-ins for the few functions
TrackEval calls (COCO RLE strings, area, merge, iou, disk, dilate) are installed as those modules.
"""
import json, os, shutil, sys, tempfile, types
import numpy as np
import scipy.ndimage
import scipy.optimize  # import before the numpy aliases TrackEval needs
np.float = float; np.int = int; np.bool = bool

# ---- numpy stand-ins -------------------------------------------------------------------------
def rle_string(counts):
    out = []
    for i, c in enumerate(counts):
        x = c - counts[i - 2] if i > 2 else c
        more = True
        while more:
            ch = x & 0x1f; x >>= 5
            more = (x != -1) if (ch & 0x10) else (x != 0)
            if more: ch |= 0x20
            out.append(chr(ch + 48))
    return ''.join(out)

def rle_counts(s):
    counts, p = [], 0
    while p < len(s):
        x, k, more = 0, 0, True
        while more:
            c = ord(s[p]) - 48; x |= (c & 0x1f) << (5 * k); more = bool(c & 0x20); p += 1; k += 1
            if not more and (c & 0x10): x |= -1 << (5 * k)
        if len(counts) > 2: x += counts[-2]
        counts.append(x)
    return counts

def encode1(m):
    flat = np.asarray(m, dtype=np.uint8).flatten(order='F')
    counts, cur, run = [], 0, 0
    for v in flat:
        if v != cur: counts.append(run); run = 0; cur = v
        run += 1
    counts.append(run)
    return {'size': [int(m.shape[0]), int(m.shape[1])], 'counts': rle_string(counts).encode()}

def decode1(r):
    h, w = r['size']; s = r['counts']; s = s.decode() if isinstance(s, bytes) else s
    flat = np.zeros(h * w, dtype=np.uint8); pos = 0
    for i, c in enumerate(rle_counts(s)):
        if i % 2: flat[pos:pos + c] = 1
        pos += c
    return flat.reshape((h, w), order='F')

mask_mod = types.ModuleType('pycocotools.mask')
def _encode(a):
    a = np.asarray(a)
    return encode1(a) if a.ndim == 2 else [encode1(a[:, :, i]) for i in range(a.shape[2])]
def _decode(r):
    return decode1(r) if isinstance(r, dict) else np.stack([decode1(x) for x in r], axis=2)
def _area(r):
    return float(decode1(r).sum()) if isinstance(r, dict) else np.array([decode1(x).sum() for x in r], dtype=float)
def _merge(rs, intersect=False):
    if not rs: return {'size': [0, 0], 'counts': b''}
    m = decode1(rs[0]).astype(bool)
    for r in rs[1:]: m = (m & decode1(r).astype(bool)) if intersect else (m | decode1(r).astype(bool))
    return encode1(m)
def _iou(dt, gt, iscrowd):
    out = np.zeros((len(dt), len(gt)))
    for i, d in enumerate(dt):
        dm = decode1(d).astype(bool)
        for j, g in enumerate(gt):
            if g['size'] == [0, 0]: continue
            gm = decode1(g).astype(bool); inter = (dm & gm).sum()
            u = dm.sum() if iscrowd[j] else (dm | gm).sum()
            out[i, j] = inter / u if u > 0 else 0
    return out if len(dt) and len(gt) else []
mask_mod.encode, mask_mod.decode, mask_mod.area, mask_mod.merge, mask_mod.iou = _encode, _decode, _area, _merge, _iou
coco = types.ModuleType('pycocotools'); coco.mask = mask_mod
sys.modules['pycocotools'] = coco; sys.modules['pycocotools.mask'] = mask_mod
morph = types.ModuleType('skimage.morphology')
def _disk(r):
    r = int(r); y, x = np.ogrid[-r:r + 1, -r:r + 1]; return (x * x + y * y <= r * r).astype(np.uint8)
morph.disk = _disk
sk = types.ModuleType('skimage'); sk.morphology = morph
sys.modules['skimage'] = sk; sys.modules['skimage.morphology'] = morph
cv2 = types.ModuleType('cv2')
cv2.dilate = lambda img, k: scipy.ndimage.binary_dilation(img.astype(bool), structure=k.astype(bool)).astype(np.uint8)
sys.modules['cv2'] = cv2

# ---- TrackEval ------------------------------------------------------------------------------
root = sys.argv[1]
sys.path.insert(0, root)
for name in ('trackeval', 'trackeval.metrics', 'trackeval.datasets'):
    m = types.ModuleType(name); m.__path__ = [os.path.join(root, *name.split('.'))]; sys.modules[name] = m
from trackeval.metrics.hota import HOTA
from trackeval.metrics.clear import CLEAR
from trackeval.metrics.identity import Identity
from trackeval.metrics.j_and_f import JAndF
from trackeval.datasets.mots_challenge import MOTSChallenge

here = os.path.dirname(os.path.abspath(__file__))
COUNTS = {'IDSW', 'Frag', 'MT', 'PT', 'ML', 'CLR_TP', 'CLR_FN', 'CLR_FP', 'IDTP', 'IDFN', 'IDFP'}
H, W = 24, 32


def summary(data):
    out = {}
    for m, keys in ((HOTA(), ['HOTA', 'DetA', 'AssA', 'LocA', 'DetRe', 'DetPr', 'AssRe', 'AssPr']),
                    (CLEAR({'PRINT_CONFIG': False}), ['MOTA', 'MOTP', 'IDSW', 'Frag', 'MT', 'PT', 'ML', 'CLR_TP', 'CLR_FN', 'CLR_FP']),
                    (Identity({'PRINT_CONFIG': False}), ['IDF1', 'IDP', 'IDR', 'IDTP', 'IDFN', 'IDFP'])):
        r = m.combine_sequences({'s': m.eval_sequence(data)})
        for k in keys:
            out[k] = int(r[k]) if k in COUNTS else float(np.mean(r[k]))
    r = JAndF().eval_sequence({k: (list(v) if isinstance(v, list) else v) for k, v in data.items()})
    out['J'], out['F'], out['J&F'] = float(r['J-Mean']), float(r['F-Mean']), float(r['J&F'])
    return out


def cell_mask(cell, x0, y0, x1, y1):
    """Rectangle inside one of 4 cells (2 rows × 2 columns of 12×16 pixels); coordinates within the cell."""
    m = np.zeros((H, W), dtype=np.uint8)
    cy, cx = (cell // 2) * 12, (cell % 2) * 16
    m[cy + y0:cy + y1, cx + x0:cx + x1] = 1
    return m


def write_sequence(rng, name, frames, with_ignore):
    gt_rows, pred_rows, gt_frames, pred_frames = [], [], [], []
    n_gt = 3  # the fourth cell holds the ignore region (or nothing) and the stray prediction
    pred_id = {k: k + 1 for k in range(n_gt)}; next_pred = 10
    for f in range(1, frames + 1):
        gts, preds = [], []
        for k in range(n_gt):
            if rng.random() < 0.1:
                continue
            x0, y0 = int(rng.integers(0, 4)), int(rng.integers(0, 3))
            x1, y1 = x0 + int(rng.integers(6, 12)), y0 + int(rng.integers(5, 9))
            gm = cell_mask(k, x0, y0, x1, y1)
            gts.append((k + 1, gm))
            if rng.random() < 0.15:
                continue
            if rng.random() < 0.08:
                pred_id[k] = next_pred; next_pred += 1
            j = [int(v) * int(rng.random() < 0.4) for v in rng.integers(-2, 3, size=4)]
            px0, py0 = max(0, x0 + j[0]), max(0, y0 + j[1])
            px1, py1 = min(16, max(px0 + 1, x1 + j[2])), min(12, max(py0 + 1, y1 + j[3]))
            preds.append((pred_id[k], cell_mask(k, px0, py0, px1, py1)))
        last = 3
        if with_ignore:
            gt_rows.append('%d 10000 10 %d %d %s' % (f, H, W, encode1(cell_mask(last, 0, 0, 16, 12))['counts'].decode()))
        if rng.random() < 0.5:  # a prediction in the last cell: inside the ignore region, or a false positive
            preds.append((50, cell_mask(last, 2, 2, 12, 10)))
        for i, m in gts:
            gt_rows.append('%d %d 2 %d %d %s' % (f, 2000 + i, H, W, encode1(m)['counts'].decode()))
        for i, m in preds:
            pred_rows.append('%d %d 2 %d %d %s' % (f, i, H, W, encode1(m)['counts'].decode()))
        gt_frames.append(gts); pred_frames.append(preds)
    gt_file = os.path.join(here, name + '_gt.txt'); pred_file = os.path.join(here, name + '_pred.txt')
    open(gt_file, 'w').write('\n'.join(gt_rows) + '\n')
    open(pred_file, 'w').write('\n'.join(pred_rows) + '\n')
    return gt_file, pred_file, gt_frames, pred_frames


def dataset(gt_file, pred_file, seq_len):
    ds = object.__new__(MOTSChallenge)
    ds.data_is_zipped = False
    ds.config = {'GT_LOC_FORMAT': gt_file}
    ds.gt_fol = ''
    ds.tracker_fol = tempfile.mkdtemp()
    shutil.copy(pred_file, os.path.join(ds.tracker_fol, 'seq.txt'))
    ds.tracker_sub_fol = ''
    ds.seq_lengths = {'seq': seq_len}
    ds.class_name_to_class_id = {'pedestrian': '2', 'ignore': '10'}
    return ds


def write_cross_format(name, gt_frames, pred_frames):
    anns = {}
    for t, gts in enumerate(gt_frames):
        for i, m in gts:
            a = anns.setdefault(i, {'id': i, 'video_id': 1, 'category_id': 1, 'iscrowd': 0, 'height': H, 'width': W,
                                    'segmentations': [None] * len(gt_frames), 'areas': [None] * len(gt_frames)})
            r = encode1(m); a['segmentations'][t] = {'size': r['size'], 'counts': r['counts'].decode()}
            a['areas'][t] = int(m.sum())
    vis = {'videos': [{'id': 1, 'width': W, 'height': H, 'length': len(gt_frames),
                       'file_names': ['%05d.jpg' % t for t in range(len(gt_frames))]}],
           'categories': [{'id': 1, 'name': 'person'}], 'annotations': [anns[k] for k in sorted(anns)]}
    json.dump(vis, open(os.path.join(here, name + '_gt_ytvis.json'), 'w'))
    with open(os.path.join(here, name + '_pred_masklets.jsonl'), 'w') as f:
        for t, preds in enumerate(pred_frames):
            objs = []
            for i, m in sorted(preds, key=lambda p: p[0]):
                ys, xs = np.nonzero(m); r = encode1(m)
                objs.append({'id': int(i), 'concept': 'person', 'score': 0.9,
                             'box': [int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)],
                             'mask': {'size': r['size'], 'counts': r['counts'].decode()}, 'events': []})
            f.write(json.dumps({'streamId': 'cam', 'seq': t, 'captureTime': 1000 + t, 'emitTime': 2000 + t,
                                'width': W, 'height': H, 'objects': objs}) + '\n')


def main():
    rng = np.random.default_rng(99)
    ref = {}
    for n, with_ignore in enumerate([True, True, False]):
        name = 'mots_random_%d' % n
        frames = 12
        gt_file, pred_file, gt_frames, pred_frames = write_sequence(rng, name, frames, with_ignore)
        ds = dataset(gt_file, pred_file, frames)
        raw = {**ds._load_raw_file(None, 'seq', True), **ds._load_raw_file('', 'seq', False)}
        raw['similarity_scores'] = [ds._calculate_similarities(g, t) if len(g) and len(t) else np.zeros((len(g), len(t)))
                                    for g, t in zip(raw['gt_dets'], raw['tracker_dets'])]
        data = ds.get_preprocessed_seq_data(raw, 'pedestrian')
        ref[name] = summary(data)
        if not with_ignore:
            write_cross_format(name, gt_frames, pred_frames)
    json.dump(ref, open(os.path.join(here, 'mots_reference.json'), 'w'), indent=1, sort_keys=True)


main()
