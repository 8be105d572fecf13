/**
 * Texts of the call view. The view has no i18n instance of its own: the portal and the desktop pass
 * their translations; anything not passed reads in English. `{…}` placeholders are filled by the view.
 */
export interface VideoCallLabels {
  deviceCheck: string;
  deviceCheckIntro: string;
  preview: string;
  microphone: string;
  camera: string;
  micLevel: string;
  micSilent: string;
  cameraOk: string;
  cameraMissing: string;
  join: string;
  joining: string;
  waiting: string;
  connecting: string;
  inCall: string;
  reconnecting: string;
  remoteVideo: string;
  localVideo: string;
  timeLeft: string;
  /** Announced once, and shown, 2 minutes before the end. */
  warning: string;
  mute: string;
  unmute: string;
  cameraOff: string;
  cameraOn: string;
  devices: string;
  leave: string;
  back: string;
  retry: string;
  audioOnly: string;
  qualityGood: string;
  qualityFair: string;
  qualityPoor: string;
  qualityUnknown: string;
  qualityDetails: string;
  endedTime: string;
  endedLeft: string;
  endedServer: string;
  failedTitle: string;
  mediaDenied: string;
  mediaMissing: string;
  mediaBusy: string;
  mediaConstraints: string;
  mediaUnsupported: string;
  mediaUnknown: string;
  unsupported: string;
  unreachable: string;
}

export const DEFAULT_VIDEO_CALL_LABELS: VideoCallLabels = {
  deviceCheck: 'Check your camera and microphone',
  deviceCheckIntro: 'Make sure you can see yourself and the bar moves when you speak. Then join the interview.',
  preview: 'Your camera',
  microphone: 'Microphone',
  camera: 'Camera',
  micLevel: 'Microphone level',
  micSilent: 'Say something: the bar should move.',
  cameraOk: 'Camera works',
  cameraMissing: 'No camera: you will join by voice only.',
  join: 'Join the interview',
  joining: 'Joining…',
  waiting: 'Waiting for {name} to join…',
  connecting: 'Connecting to {name}…',
  inCall: 'In the call with {name}',
  reconnecting: 'The connection dropped. Reconnecting…',
  remoteVideo: 'Video of {name}',
  localVideo: 'Your video',
  timeLeft: 'Time left',
  warning: '2 minutes left. Please start wrapping up.',
  mute: 'Mute microphone',
  unmute: 'Unmute microphone',
  cameraOff: 'Turn camera off',
  cameraOn: 'Turn camera on',
  devices: 'Choose camera and microphone',
  leave: 'Leave the call',
  back: 'Back',
  retry: 'Try again',
  audioOnly: 'Video cannot get through the connection right now, so the call continues by voice. Turn the camera on to try video again.',
  qualityGood: 'Good connection',
  qualityFair: 'Fair connection',
  qualityPoor: 'Poor connection',
  qualityUnknown: 'Measuring the connection…',
  qualityDetails: 'Round trip {rtt} ms, packet loss {loss} %',
  endedTime: 'The time for this interview is over.',
  endedLeft: 'You left the call.',
  endedServer: 'The call has ended: {reason}',
  failedTitle: 'The call could not start',
  mediaDenied: 'Access to the camera and microphone was refused. Allow them for this site (the camera icon in the address bar) and try again.',
  mediaMissing: 'No camera or microphone was found. Connect one and try again.',
  mediaBusy: 'The camera or microphone is in use by another application (or blocked by the system). Close that application and try again.',
  mediaConstraints: 'The chosen camera or microphone is no longer available. Choose another one and try again.',
  mediaUnsupported: 'This browser cannot use a camera here. Open the page over https in a current Chrome, Edge, Firefox or Safari.',
  mediaUnknown: 'The camera or microphone could not be started. Try again, or restart the browser.',
  unsupported: 'This browser does not support video calls. Use a current Chrome, Edge, Firefox or Safari.',
  unreachable: 'The server could not be reached: {reason}',
};
