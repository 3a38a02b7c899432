/**
 * What we know about each bundled dataset before reading it: file names, shapes, class names,
 * where it is published, and the checksums a genuine copy must have.
 */
import type { BundledDatasetId, DatasetSplit } from './dataset';

export type FileRole = 'images' | 'labels' | 'records';

/**
 * Which copy of a dataset the bytes came from. Copies of one dataset that differ only in their
 * gzip header hold the same pixels; 'jpeg-decoded' CIFAR pixels differ slightly from 'original'.
 */
export type DataVariant = 'original' | 'debian-repack' | 'jpeg-decoded';

export interface KnownSum {
  sha256: string;
  variant: DataVariant;
}

export interface DataFileSpec {
  /** file name in data/<id>/ (and public/data/<id>/ for test files), always gzip */
  name: string;
  split: DatasetSplit;
  role: FileRole;
  /** SHA-256 of the .gz as each known copy ships it; any other sum is rejected */
  knownSums: readonly KnownSum[];
}

interface DatasetSpecBase {
  id: BundledDatasetId;
  title: string;
  height: number;
  width: number;
  channels: number;
  classNames: readonly string[];
  counts: Readonly<Record<DatasetSplit, number>>;
  files: readonly DataFileSpec[];
  /** what a user should know about the copy, per variant */
  notes: Partial<Record<DataVariant, string>>;
}

/** MNIST-style: four gzip IDX files, downloadable one by one from a base URL. */
export interface IdxDatasetSpec extends DatasetSpecBase {
  format: 'idx';
  /** base URLs tried in order; the file name is appended */
  mirrors: readonly string[];
}

/** The CIFAR-10 binary archive, from which we build train.bin.gz and test.bin.gz. */
export interface CifarArchiveSpec {
  url: string;
  fileName: string;
  bytes: number;
  sha256: string;
  md5: string;
  /** tar members (regular files) making up each split, in order */
  members: Readonly<Record<DatasetSplit, readonly string[]>>;
}

export interface CifarDatasetSpec extends DatasetSpecBase {
  format: 'cifar-binary';
  archive: CifarArchiveSpec;
}

export type DatasetSpec = IdxDatasetSpec | CifarDatasetSpec;

const TEN_CLASSES = { train: 60000, test: 10000 } as const;

export const MNIST: IdxDatasetSpec = {
  id: 'mnist',
  title: 'MNIST',
  format: 'idx',
  height: 28,
  width: 28,
  channels: 1,
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  counts: TEN_CLASSES,
  // SHA-256 from /work/shared/data/mnist/SHA256SUMS; that README checks the files against the
  // official MD5s of yann.lecun.com, and the mirrors below serve the same bytes.
  files: [
    dataFile('train-images-idx3-ubyte.gz', 'train', 'images', [
      ['440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609', 'original'],
    ]),
    dataFile('train-labels-idx1-ubyte.gz', 'train', 'labels', [
      ['3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c', 'original'],
    ]),
    dataFile('t10k-images-idx3-ubyte.gz', 'test', 'images', [
      ['8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6', 'original'],
    ]),
    dataFile('t10k-labels-idx1-ubyte.gz', 'test', 'labels', [
      ['f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6', 'original'],
    ]),
  ],
  mirrors: [
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
  ],
  notes: { original: 'The original MNIST files (LeCun, Cortes, Burges), CC BY-SA 3.0.' },
};

export const FASHION_MNIST: IdxDatasetSpec = {
  id: 'fashion-mnist',
  title: 'Fashion-MNIST',
  format: 'idx',
  height: 28,
  width: 28,
  channels: 1,
  classNames: [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
  counts: TEN_CLASSES,
  // 'original': the upstream .gz files (fashion-mnist.s3-website...); their published MD5s are
  // 8d4fb7e6..., 25c81989..., bef4ecab..., bb300cfd... 'debian-repack': Debian's package
  // dataset-fashion-mnist (/usr/share/datasets/fashion-mnist) holds the same deflate streams with
  // the file name dropped from the gzip header. Putting the name back (mtimes 1504176606 and
  // 1504176627, Aug 2017) rebuilds files with exactly the published MD5s, whose SHA-256 are the
  // 'original' sums below (the same sums torchvision's prototype datasets pin).
  files: [
    dataFile('train-images-idx3-ubyte.gz', 'train', 'images', [
      ['3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84', 'original'],
      ['b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7', 'debian-repack'],
    ]),
    dataFile('train-labels-idx1-ubyte.gz', 'train', 'labels', [
      ['a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845', 'original'],
      ['0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056', 'debian-repack'],
    ]),
    dataFile('t10k-images-idx3-ubyte.gz', 'test', 'images', [
      ['346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073', 'original'],
      ['cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa', 'debian-repack'],
    ]),
    dataFile('t10k-labels-idx1-ubyte.gz', 'test', 'labels', [
      ['67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5', 'original'],
      ['8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05', 'debian-repack'],
    ]),
  ],
  mirrors: ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'],
  notes: {
    original: 'Fashion-MNIST by Zalando Research (Xiao, Rasul, Vollgraf 2017), MIT licence.',
    'debian-repack':
      'Fashion-MNIST by Zalando Research, MIT licence; Debian package dataset-fashion-mnist ' +
      '(pixels identical to upstream).',
  },
};

export const CIFAR10: CifarDatasetSpec = {
  id: 'cifar10',
  title: 'CIFAR-10',
  format: 'cifar-binary',
  height: 32,
  width: 32,
  channels: 3,
  classNames: [
    'airplane',
    'automobile',
    'bird',
    'cat',
    'deer',
    'dog',
    'frog',
    'horse',
    'ship',
    'truck',
  ],
  counts: { train: 50000, test: 10000 },
  // Only the JPEG-decoded copy (/work/shared/data/cifar10/SHA256SUMS) ships these two files; a
  // copy built from the original archive is checked through the archive's sums instead.
  files: [
    dataFile('train.bin.gz', 'train', 'records', [
      ['dff144db31a9b7dd759fc6059b7b812cd42d23187b6feb5619c25c77c30c622a', 'jpeg-decoded'],
    ]),
    dataFile('test.bin.gz', 'test', 'records', [
      ['0c7e97cab0cf90eb9920470fec2bd10006f268745cef9ee503b653f9187e6a63', 'jpeg-decoded'],
    ]),
  ],
  archive: {
    url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz',
    fileName: 'cifar-10-binary.tar.gz',
    bytes: 170052171,
    // The MD5 is the checksum published on https://www.cs.toronto.edu/~kriz/cifar.html. The
    // SHA-256 is the one other projects pin for this URL (torch.rb's CIFAR10, Julia MLDatasets);
    // we could not download the file here to confirm it, so both must match.
    md5: 'c32a1d4ab5d03f1284b67883e8d87530',
    sha256: 'c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd',
    members: {
      train: [1, 2, 3, 4, 5].map((i) => `cifar-10-batches-bin/data_batch_${i}.bin`),
      test: ['cifar-10-batches-bin/test_batch.bin'],
    },
  },
  notes: {
    original: 'CIFAR-10 (Krizhevsky 2009), the original binary version.',
    'jpeg-decoded':
      'CIFAR-10 (Krizhevsky 2009), pixels decoded from JPEG (quality 75) copies: they differ ' +
      'slightly from the original pixels; records sorted by class.',
  },
};

function dataFile(
  name: string,
  split: DatasetSplit,
  role: FileRole,
  sums: [string, DataVariant][],
): DataFileSpec {
  return { name, split, role, knownSums: sums.map(([sha256, variant]) => ({ sha256, variant })) };
}

export const DATASET_CATALOG: Readonly<Record<BundledDatasetId, DatasetSpec>> = {
  mnist: MNIST,
  'fashion-mnist': FASHION_MNIST,
  cifar10: CIFAR10,
};

/** The files of one split, in a fixed order (images before labels). */
export function splitFiles(spec: DatasetSpec, split: DatasetSplit): DataFileSpec[] {
  return spec.files.filter((f) => f.split === split);
}

export function fileFor(spec: DatasetSpec, split: DatasetSplit, role: FileRole): DataFileSpec {
  const file = spec.files.find((f) => f.split === split && f.role === role);
  if (!file) throw new Error(`${spec.id} has no ${split} ${role} file.`);
  return file;
}
