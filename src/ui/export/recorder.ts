import { ArrayBufferTarget, Muxer } from 'webm-muxer';
import { viewCapture, whenSettled } from '../../state/capture';
import { frames, runner } from '../../state/lab';
import { useLab } from '../../state/store';
import { formatClock } from '../drawnClock';

/**
 * A WebM video of the view, one frame per checkpoint t_k = k·T/200 (not per wall-clock tick), so
 * it plays smoothly however slowly the machine computed it: the recorder steps the run to each
 * checkpoint, waits for its picture, and gives it the timestamp k/FPS. Where WebCodecs exists
 * (Chromium, Firefox ≥ 130, Safari ≥ 16.4) frames are encoded with exactly those timestamps and
 * muxed by webm-muxer; elsewhere a MediaRecorder on the canvas is paused between frames and
 * resumed for 1/FPS s per frame (its timestamps follow the wall clock, so that path can stutter).
 * A time overlay is drawn into every frame. At most MAX_SECONDS of video.
 */
export const FPS = 25;
export const MAX_SECONDS = 60;

export interface Recording {
  /** Resolves with the video (also after stop()); rejects on failure. */
  done: Promise<Blob>;
  stop(): void;
}

/** Even dimensions (VP8/VP9 want them), at most 1920 wide. */
function frameSize(view: HTMLCanvasElement): { w: number; h: number; scale: number } {
  const scale = Math.min(1, 1920 / view.width);
  return {
    w: 2 * Math.floor((view.width * scale) / 2),
    h: 2 * Math.floor((view.height * scale) / 2),
    scale,
  };
}

function drawFrame(
  g: CanvasRenderingContext2D,
  view: HTMLCanvasElement,
  w: number,
  h: number,
  t: number,
): void {
  g.drawImage(view, 0, 0, w, h);
  const font = Math.max(14, Math.round(h / 28));
  g.font = `600 ${font}px system-ui, "DejaVu Sans", sans-serif`;
  const text = formatClock(t);
  const tw = g.measureText(text).width;
  g.fillStyle = 'rgba(0, 0, 0, 0.62)';
  g.fillRect(8, 8, tw + font, font * 1.6);
  g.fillStyle = '#ffffff';
  g.textBaseline = 'middle';
  g.fillText(text, 8 + font / 2, 8 + font * 0.8);
}

const sleep = (ms: number) => new Promise((r) => window.setTimeout(r, ms));

interface Sink {
  add(canvas: HTMLCanvasElement, k: number): Promise<void>;
  finish(): Promise<Blob>;
}

function webCodecsSink(w: number, h: number): Sink {
  const muxer = new Muxer({
    target: new ArrayBufferTarget(),
    video: { codec: 'V_VP9', width: w, height: h, frameRate: FPS },
    firstTimestampBehavior: 'offset',
  });
  let failure: Error | null = null;
  const encoder = new VideoEncoder({
    output: (chunk, meta) => muxer.addVideoChunk(chunk, meta),
    error: (e) => {
      failure = e instanceof Error ? e : new Error(String(e));
    },
  });
  encoder.configure({ codec: 'vp09.00.10.08', width: w, height: h, bitrate: 6_000_000, framerate: FPS });
  const frameUs = 1e6 / FPS;
  return {
    async add(canvas, k) {
      if (failure) throw failure;
      const frame = new VideoFrame(canvas, {
        timestamp: Math.round(k * frameUs),
        duration: Math.round(frameUs),
      });
      encoder.encode(frame, { keyFrame: k % (2 * FPS) === 0 });
      frame.close();
      while (encoder.encodeQueueSize > 4) await sleep(5);
    },
    async finish() {
      await encoder.flush();
      encoder.close();
      if (failure) throw failure;
      muxer.finalize();
      return new Blob([muxer.target.buffer], { type: 'video/webm' });
    },
  };
}

function mediaRecorderSink(canvas: HTMLCanvasElement): Sink {
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
  const type = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) =>
    MediaRecorder.isTypeSupported(t),
  );
  if (!type) throw new Error('this browser can record no WebM video');
  const rec = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 6_000_000 });
  const chunks: Blob[] = [];
  rec.ondataavailable = (e) => chunks.push(e.data);
  rec.start();
  rec.pause();
  return {
    async add() {
      rec.resume();
      track.requestFrame();
      await new Promise((r) => requestAnimationFrame(r));
      await sleep(1000 / FPS);
      rec.pause();
    },
    async finish() {
      const stopped = new Promise((r) => {
        rec.onstop = r;
      });
      rec.resume();
      rec.stop();
      await stopped;
      for (const t of stream.getTracks()) t.stop();
      return new Blob(chunks, { type: 'video/webm' });
    },
  };
}

/** Start recording from the checkpoint on screen (from t = 0 if the run is at its end). */
export function startRecording(opts: { maxSeconds?: number; useWebCodecs?: boolean } = {}): Recording {
  let stopped = false;
  const maxFrames = Math.round((opts.maxSeconds ?? MAX_SECONDS) * FPS);
  const done = (async () => {
    if (useLab.getState().run.status === 'playing') runner.pause();
    await whenSettled();
    const T = useLab.getState().scenario.T;
    if ((frames.drawn?.t ?? 0) >= T * (1 - 1e-12)) {
      await runner.reset();
      await whenSettled();
    }
    const first = viewCapture.take(1);
    if (!first) throw new Error('there is no view to record');
    const { w, h } = frameSize(first);
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2D canvas');
    const webCodecs = (opts.useWebCodecs ?? true) && typeof VideoEncoder === 'function';
    const sink = webCodecs ? webCodecsSink(w, h) : mediaRecorderSink(canvas);
    useLab.setState({ recording: { frames: 0, maxFrames } });
    try {
      for (let k = 0; k < maxFrames; k++) {
        const view = k === 0 ? first : viewCapture.take(1);
        if (!view) throw new Error('the view went away during the recording');
        drawFrame(g, view, w, h, frames.drawn?.t ?? 0);
        await sink.add(canvas, k);
        useLab.setState({ recording: { frames: k + 1, maxFrames } });
        const t = frames.drawn?.t ?? 0;
        if (stopped || t >= useLab.getState().scenario.T * (1 - 1e-12)) break;
        runner.step();
        await whenSettled();
        // someone pressed play or the run failed: the frames so far are the video
        if (useLab.getState().run.status !== 'paused' || (frames.drawn?.t ?? 0) <= t) break;
      }
      return await sink.finish();
    } finally {
      useLab.setState({ recording: null });
    }
  })();
  return {
    done,
    stop() {
      stopped = true;
    },
  };
}
