// The standalone page inside an <iframe>: tells the parent page its height whenever it changes,
// so the course page's embed.js can size the frame to fit (no scrolling inside the frame).
// Outside a frame, or without embed.js on the parent, this does nothing that matters.
if (window.parent !== window) {
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: 'som-playground:height', height, href: location.href }, '*');
  };
  new ResizeObserver(report).observe(document.documentElement);
  addEventListener('load', report);
}
