// Scan sounds, synthesised with WebAudio (no audio files): a short bright double chirp for
// success, a low buzz for failure, so the operator knows without looking at the screen.

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    return context;
  } catch {
    return null; // no audio device: the flash and the toast still tell
  }
}

function tone(ctx: AudioContext, at: number, freq: number, duration: number, type: OscillatorType, volume: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.setValueAtTime(freq, at);
  // Short attack and release: no clicks.
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(volume, at + 0.008);
  gain.gain.setValueAtTime(volume, at + duration - 0.02);
  gain.gain.linearRampToValueAtTime(0, at + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(at);
  osc.stop(at + duration + 0.01);
}

export function beep(ok: boolean): void {
  const ctx = audio();
  if (!ctx) return;
  const t = ctx.currentTime + 0.005;
  if (ok) {
    tone(ctx, t, 1568, 0.06, 'sine', 0.22);
    tone(ctx, t + 0.075, 2093, 0.08, 'sine', 0.22);
  } else {
    tone(ctx, t, 196, 0.16, 'square', 0.12);
    tone(ctx, t + 0.2, 147, 0.24, 'square', 0.12);
  }
}
