// The reader: `#START-END` in the address opens the same page with `?hl=START-END`,
// which the server highlights; the highlight is then scrolled to and focused.
const span = /^#(\d+)-(\d+)$/.exec(window.location.hash);
if (span) {
  const url = new URL(window.location.href);
  url.searchParams.set("hl", `${span[1]}-${span[2]}`);
  url.hash = "hl";
  window.location.replace(url.toString());
} else {
  const target = document.getElementById("hl");
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }
}
