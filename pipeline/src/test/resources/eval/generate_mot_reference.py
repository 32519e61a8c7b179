"""Writes random MOTChallenge sequences and TrackEval's figures for them (mot_reference.json).

Needs numpy, scipy and a TrackEval checkout: python3 generate_mot_reference.py /path/to/TrackEval
Boxes sit on a coarse grid so IoUs tie and land exactly on thresholds; ground truth includes
zero-marked rows, distractor classes and other classes, so TrackEval's MOT17 preprocessing matters.
"""
import json, os, sys, types
import numpy as np
import scipy.optimize  # import before the numpy aliases TrackEval needs
np.float = float; np.int = int

root = sys.argv[1]
sys.path.insert(0, root)
pkg = types.ModuleType('trackeval'); pkg.__path__ = [os.path.join(root, 'trackeval')]; sys.modules['trackeval'] = pkg
mp = types.ModuleType('trackeval.metrics'); mp.__path__ = [os.path.join(root, 'trackeval', 'metrics')]; sys.modules['trackeval.metrics'] = mp
dp = types.ModuleType('trackeval.datasets'); dp.__path__ = [os.path.join(root, 'trackeval', 'datasets')]; sys.modules['trackeval.datasets'] = dp
from trackeval.metrics.hota import HOTA
from trackeval.metrics.clear import CLEAR
from trackeval.metrics.identity import Identity
from trackeval.datasets.mot_challenge_2d_box import MotChallenge2DBox

here = os.path.dirname(os.path.abspath(__file__))
COUNTS = {'IDSW', 'Frag', 'MT', 'PT', 'ML', 'CLR_TP', 'CLR_FN', 'CLR_FP', 'IDTP', 'IDFN', 'IDFP'}


def summary(data):
    out = {}
    for m, keys in ((HOTA(), ['HOTA', 'DetA', 'AssA', 'LocA', 'DetRe', 'DetPr', 'AssRe', 'AssPr']),
                    (CLEAR({'PRINT_CONFIG': False}), ['MOTA', 'MOTP', 'IDSW', 'Frag', 'MT', 'PT', 'ML', 'CLR_TP', 'CLR_FN', 'CLR_FP']),
                    (Identity({'PRINT_CONFIG': False}), ['IDF1', 'IDP', 'IDR', 'IDTP', 'IDFN', 'IDFP'])):
        r = m.combine_sequences({'s': m.eval_sequence(data)})
        for k in keys:
            v = r[k]
            out[k] = int(v) if k in COUNTS else float(np.mean(v))
    return out


def dataset(gt_file, pred_file, seq_len):
    ds = object.__new__(MotChallenge2DBox)
    ds.data_is_zipped = False
    ds.config = {'GT_LOC_FORMAT': gt_file}
    ds.gt_fol = ''
    import shutil, tempfile
    ds.tracker_fol = tempfile.mkdtemp()
    shutil.copy(pred_file, os.path.join(ds.tracker_fol, 'seq.txt'))
    ds.tracker_sub_fol = ''
    ds.seq_lengths = {'seq': seq_len}
    ds.benchmark = 'MOT17'
    ds.do_preproc = True
    ds.class_name_to_class_id = {'pedestrian': 1, 'person_on_vehicle': 2, 'car': 3, 'bicycle': 4, 'motorbike': 5,
                                 'non_mot_vehicle': 6, 'static_person': 7, 'distractor': 8, 'occluder': 9,
                                 'occluder_on_ground': 10, 'occluder_full': 11, 'reflection': 12, 'crowd': 13}
    ds.valid_class_numbers = list(ds.class_name_to_class_id.values())
    ds.should_classes_combine = False
    ds.use_super_categories = False
    return ds


def write_sequence(rng, name, frames, n_tracks):
    gt_rows, pred_rows = [], []
    tracks = [(rng.integers(0, 8) * 5, rng.integers(0, 8) * 5, rng.integers(2, 5) * 10, rng.integers(2, 5) * 10)
              for _ in range(n_tracks)]
    special = {0: (0, 1), 1: (1, 7), 2: (1, 3)}  # track -> (consider flag, class): zero-marked, static person, car
    next_pred = 1
    pred_id = {k: k + 1 for k in range(n_tracks)}
    next_pred = n_tracks + 1
    for f in range(1, frames + 1):
        for k, (x, y, w, h) in enumerate(tracks):
            if rng.random() < 0.1:
                continue  # gt track absent this frame
            x += int(rng.integers(-1, 2)) * 5; y += int(rng.integers(-1, 2)) * 5
            tracks[k] = (x, y, w, h)
            consider, cls = special.get(k, (1, 1))
            gt_rows.append('%d,%d,%d,%d,%d,%d,%d,%d,1' % (f, k + 1, x, y, w, h, consider, cls))
            if rng.random() < 0.15:
                continue  # missed
            if rng.random() < 0.05:
                pred_id[k] = next_pred; next_pred += 1  # identity switch
            dx, dy, dw, dh = (int(v) * 5 * int(rng.random() < 0.3) for v in rng.integers(-1, 2, size=4))
            pred_rows.append('%d,%d,%d,%d,%d,%d,%.2f,-1,-1,-1' % (f, pred_id[k], x + dx, y + dy, max(5, w + dw), max(5, h + dh), rng.random()))
        for _ in range(int(rng.integers(0, 2))):  # false positives
            pred_rows.append('%d,%d,%d,%d,10,10,0.5,-1,-1,-1' % (f, 900 + int(rng.integers(0, 3)), int(rng.integers(0, 8)) * 5, int(rng.integers(0, 8)) * 5))
    # a prediction may not repeat an id within a frame
    seen, rows = set(), []
    for r in pred_rows:
        key = tuple(r.split(',')[:2])
        if key not in seen:
            seen.add(key); rows.append(r)
    gt_file = os.path.join(here, name + '_gt.txt'); pred_file = os.path.join(here, name + '_pred.txt')
    open(gt_file, 'w').write('\n'.join(gt_rows) + '\n')
    open(pred_file, 'w').write('\n'.join(rows) + '\n')
    return gt_file, pred_file


def main():
    rng = np.random.default_rng(2024)
    ref = {}
    for n in range(4):
        name = 'mot_random_%d' % n
        frames = 25
        gt_file, pred_file = write_sequence(rng, name, frames, 4 + n)
        ds = dataset(gt_file, pred_file, frames)
        raw_gt = ds._load_raw_file(None, 'seq', True)
        raw_tr = ds._load_raw_file('', 'seq', False)
        raw = {**raw_gt, **raw_tr}
        raw['similarity_scores'] = [ds._calculate_similarities(g, t) for g, t in zip(raw['gt_dets'], raw['tracker_dets'])]
        data = ds.get_preprocessed_seq_data(raw, 'pedestrian')
        ref[name] = summary(data)
    json.dump(ref, open(os.path.join(here, 'mot_reference.json'), 'w'), indent=1, sort_keys=True)


main()
