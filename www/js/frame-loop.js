// One redraw per animation frame, however many changes asked for it, and the Play handshake with
// the engine's Worker: a Play frame is acknowledged at the start of the frame that draws it (the
// buffer it replaced goes back then), so the Worker trains and builds the next snapshot while the
// page draws this one instead of after.

export class FrameLoop {
  /**
   * @param draw  draws everything that changed
   * @param ack   tells the engine a Play frame is being drawn (the page's frameDone)
   */
  constructor(draw, ack) {
    this.draw = draw;
    this.ack = ack;
    this.requested = false;
    this.due = false;
  }

  /** Draws on the next animation frame; `playFrame`: the change was a Play frame, to acknowledge. */
  request(playFrame = false) {
    this.due ||= playFrame;
    if (this.requested) return;
    this.requested = true;
    requestAnimationFrame(() => {
      this.requested = false;
      if (this.due) {
        this.due = false;
        this.ack();
      }
      this.draw();
    });
  }
}
