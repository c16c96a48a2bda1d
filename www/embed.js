// For a course page that embeds SOM Playground in an <iframe>: include this script once and every
// frame showing the lesson takes the height of its content, so students never scroll inside it.
//
//   <script src="som/embed.js" defer></script>
//   <iframe src="som/index.html#stop=5" title="SOM lesson" allow="clipboard-write"></iframe>
//
// Without this script the frame still works; it just keeps the height you gave it.
addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'som-playground:height' || !Number.isFinite(data.height)) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.max(200, Math.min(data.height, 20000))}px`;
      frame.style.width = frame.style.width || '100%';
    }
  }
});
