/** A container image, pinned: a release tag (`v2.42.0`) or a digest (`sha256:…`). */
export interface ImageRef {
  /** e.g. `prom/prometheus` */
  readonly repository: string;
  /** A release tag such as `v2.42.0`, or `sha256:<64 hex>`. Never `latest`. */
  readonly tag: string;
}

// A release, with an optional variant of that release (`v1.62.0-alpine`).
const RELEASE_TAG = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** `repository:tag`, or `repository@sha256:…` for a digest. */
export function imageName(image: ImageRef): string {
  return `${image.repository}${DIGEST.test(image.tag) ? '@' : ':'}${image.tag}`;
}

/** Why the image is not reproducible, if it is not: a moving tag deploys whatever was pushed last. */
export function imageProblems(image: ImageRef, where: string): string[] {
  if (RELEASE_TAG.test(image.tag) || DIGEST.test(image.tag)) return [];
  return [`${where}: image ${image.repository}:${image.tag} is not pinned; use a release tag such as v1.2.3 or a sha256 digest`];
}

/** `major.minor` of a release tag (`v0.25.0` → `0.25`), undefined for a digest. */
export function releaseOf(image: ImageRef): string | undefined {
  const match = /^v?(\d+\.\d+)\.\d+$/.exec(image.tag);
  return match?.[1];
}
