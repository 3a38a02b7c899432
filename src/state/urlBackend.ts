/** `?backend=` is one field of the URL codec now; this name stays for existing imports. */
export { parseBackendParam } from './url/codec';
