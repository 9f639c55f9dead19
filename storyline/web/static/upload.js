// Upload: files chosen or dropped are posted to the API with a progress bar, then the
// ingest job is polled until it is done. Text from the server is only ever set as text.
const form = document.getElementById("upload");
const input = document.getElementById("files");
const zone = document.getElementById("dropzone");
const bar = document.getElementById("progress");
const status = document.getElementById("upload-status");
const report = document.getElementById("upload-report");
const POLL_MS = 700;

function say(text) {
  status.textContent = text;
}

function headers() {
  const out = { "X-Storyline": "1" };
  const token = document.getElementById("token");
  if (token && token.value) out.Authorization = `Bearer ${token.value}`;
  return out;
}

function send(files) {
  const body = new FormData();
  for (const file of files) body.append("files", file, file.name);
  const request = new XMLHttpRequest();
  request.open("POST", form.dataset.endpoint);
  for (const [name, value] of Object.entries(headers())) request.setRequestHeader(name, value);
  request.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) bar.value = Math.round((100 * event.loaded) / event.total);
  });
  request.addEventListener("load", () => received(request));
  request.addEventListener("error", () => say("The upload failed: the server did not answer."));
  bar.hidden = false;
  bar.value = 0;
  say(`Uploading ${files.length} file(s)…`);
  request.send(body);
}

function received(request) {
  let body = {};
  try {
    body = JSON.parse(request.responseText);
  } catch {
    body = { error: "unreadable answer" };
  }
  if (request.status >= 400) {
    say(`Refused: ${body.error || request.status}${body.hint ? ` (${body.hint})` : ""}`);
    return;
  }
  const job = body.job || body;
  bar.value = 100;
  if (job.id) poll(job.id);
  else say("Uploaded.");
}

async function poll(id) {
  const url = form.dataset.job.replace("{id}", encodeURIComponent(id));
  const answer = await fetch(url, { headers: { Accept: "application/json" } });
  const job = await answer.json();
  if (job.total) bar.value = Math.round((100 * job.done) / job.total);
  say(`Ingest ${job.state}${job.phase ? `: ${job.phase}` : ""} (${job.done || 0}/${job.total || 0})`);
  if (job.state === "done" || job.state === "failed") {
    show(job);
    return;
  }
  window.setTimeout(() => poll(id), POLL_MS);
}

function show(job) {
  report.replaceChildren();
  const found = job.report || {};
  const counts = found.counts || {};
  for (const [state, count] of Object.entries(counts)) {
    const item = document.createElement("li");
    item.textContent = `${state}: ${count}`;
    report.append(item);
  }
  for (const failure of found.failures || []) {
    const item = document.createElement("li");
    item.className = "failed";
    item.textContent = `${failure.path}: ${failure.reason} [${failure.code}]`;
    report.append(item);
  }
  if (job.state === "failed") say(`Ingest failed: ${job.error || "see the server log"}`);
  else say("Done: the knowledge base is up to date.");
}

if (form && input) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.files.length) send(input.files);
    else say("Choose or drop some files first.");
  });
  for (const name of ["dragenter", "dragover"]) {
    zone.addEventListener(name, (event) => {
      event.preventDefault();
      zone.classList.add("over");
    });
  }
  for (const name of ["dragleave", "drop"]) {
    zone.addEventListener(name, () => zone.classList.remove("over"));
  }
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) send(event.dataTransfer.files);
  });
}
