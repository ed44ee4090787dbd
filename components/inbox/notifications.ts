'use client';

const ASKED_KEY = 'hearth:notifications-asked';
const MUTED_KEY = 'hearth:sound-muted';

let audio: AudioContext | undefined;

/** A short two-note chime, synthesized so there is no sound file to serve. */
export function playChime(): void {
  if (isMuted()) return;
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.14, 1320],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.3);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.32);
    }
  } catch {
    // No audio (autoplay policy before any click, or no device): the badge still shows.
  }
}

export function isMuted(): boolean {
  return typeof localStorage !== 'undefined' && localStorage.getItem(MUTED_KEY) === '1';
}

export function setMuted(muted: boolean): void {
  localStorage.setItem(MUTED_KEY, muted ? '1' : '0');
}

/** Whether to offer the "enable notifications" button: only until the agent has answered once. */
export function shouldAskForNotifications(): boolean {
  if (typeof Notification === 'undefined') return false;
  return Notification.permission === 'default' && localStorage.getItem(ASKED_KEY) !== '1';
}

export async function askForNotifications(): Promise<void> {
  localStorage.setItem(ASKED_KEY, '1');
  if (typeof Notification !== 'undefined') await Notification.requestPermission();
}

/** A system notification while the inbox tab is in the background; clicking it opens the conversation. */
export function notifyInBackground(
  title: string,
  body: string,
  tag: string,
  onClick: () => void,
): void {
  if (
    typeof Notification === 'undefined' ||
    Notification.permission !== 'granted' ||
    !document.hidden
  )
    return;
  const notification = new Notification(title, { body, tag });
  notification.onclick = () => {
    window.focus();
    onClick();
    notification.close();
  };
}
