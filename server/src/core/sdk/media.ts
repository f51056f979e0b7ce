// Media libraries that re-encode images, audio and video, and what makes them keep a file's metadata
// (resolved question 24): a re-encode that does not say it keeps metadata drops a metadata label.
import type { TrackedSpec } from "./tracked";

/** `-map_metadata 0` copies the input's metadata; `-c copy` (and per-stream copies) does not re-encode at all. */
const FFMPEG_KEEPS: ReadonlyArray<readonly string[]> = [["-map_metadata", "0"], ["-c", "copy"], ["-codec", "copy"], ["-c:a", "copy"], ["-c:v", "copy"], ["-acodec", "copy"], ["-vcodec", "copy"]];

export const MEDIA_REENCODERS: readonly TrackedSpec[] = [
  {
    kind: "media.sharp",
    made: ["sharp#default", "sharp#", "sharp"],
    fluent: true,
    reencodes: ["toBuffer", "toFile", "pipe"],
    keepsMetadata: { methods: ["withMetadata", "keepMetadata", "keepExif", "withExif", "withExifMerge", "keepXmp", "withXmp"] },
  },
  {
    kind: "media.jimp",
    made: ["jimp#default.read", "jimp#Jimp.read", "jimp#read", "jimp#Jimp.fromBuffer", "jimp#default.create"],
    fluent: true,
    reencodes: ["getBufferAsync", "getBuffer", "getBase64Async", "getBase64", "write", "writeAsync"],
  },
  {
    kind: "media.ffmpeg",
    made: ["fluent-ffmpeg#default", "fluent-ffmpeg#"],
    fluent: true,
    reencodes: ["pipe", "save", "run", "stream", "writeToStream"],
    keepsMetadata: { options: FFMPEG_KEEPS, methods: [] },
    optionMethods: { audioCodec: "-c:a", videoCodec: "-c:v", withAudioCodec: "-c:a", withVideoCodec: "-c:v", outputOptions: "", outputOption: "", addOutputOption: "", addOutputOptions: "", withOutputOptions: "", inputOptions: "" },
  },
  {
    kind: "media.canvas",
    made: ["canvas#createCanvas", "canvas#Canvas", "@napi-rs/canvas#createCanvas", "@napi-rs/canvas#Canvas", "skia-canvas#Canvas", "canvas#default.createCanvas"],
    same: ["getContext"],
    adders: ["drawImage", "putImageData"],
    reencodes: ["toBuffer", "toDataURL", "encode", "encodeSync", "createPNGStream", "createJPEGStream", "toBufferSync", "png", "jpg", "toFile"],
  },
];

/** Command-line transcoders run as a child process: the program's name, and the options that keep metadata. */
export const MEDIA_COMMANDS: ReadonlyArray<{ readonly program: string; readonly keeps: ReadonlyArray<readonly string[]> }> = [{ program: "ffmpeg", keeps: FFMPEG_KEEPS }];

/** Functions that run a command (Python and JavaScript): the command is the first argument, a list or a string. */
export const COMMAND_RUNNERS: ReadonlySet<string> = new Set([
  "subprocess.run", "subprocess.check_output", "subprocess.Popen", "subprocess.call", "subprocess.check_call", "asyncio.create_subprocess_exec",
  "child_process#spawn", "child_process#spawnSync", "child_process#execFile", "child_process#execFileSync", "node:child_process#spawn",
  "node:child_process#spawnSync", "node:child_process#execFile", "node:child_process#execFileSync", "execa#execa", "execa#default",
]);

/** Pillow's `save` keeps a label only when told to write it again: these keyword arguments carry the metadata. */
export const PILLOW_METADATA_ARGS: readonly string[] = ["exif", "pnginfo", "xmp", "icc_profile_and_exif"];

/** Whether option strings (in order) contain one of the sequences, as separate items or as one `"-c copy"` string. */
export function hasOptionSequence(options: readonly string[], sequences: ReadonlyArray<readonly string[]>): boolean {
  const items = options.flatMap((o) => o.split(/\s+/).filter(Boolean));
  return sequences.some((seq) => items.some((_, i) => seq.every((part, j) => items[i + j] === part)));
}
