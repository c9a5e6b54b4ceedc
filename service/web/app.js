// The review page: send an article to POST /quotes, show its quotes in their speakers' colours.
// Article text is only ever inserted as text nodes (never as HTML), and the offsets are asked
// for in UTF-16, which is how JavaScript strings count, so highlights land exactly.

const $ = (id) => document.getElementById(id);
const input = $("article-input");
const PALETTE = 8;
let last = null; // the last response body

function looksLikeHtml(value) {
  return /^\s*</.test(value) && /<\/?[a-zA-Z][^>]*>/.test(value);
}

async function loadSamples() {
  try {
    const response = await fetch("/web/samples.json");
    if (!response.ok) return;
    for (const sample of await response.json()) {
      const option = document.createElement("option");
      option.value = sample.text;
      option.textContent = sample.title;
      $("sample").append(option);
    }
  } catch {
    /* no samples: the page still works */
  }
}

function showError(message) {
  // The previous article's results must not stand under an error about this one.
  last = null;
  $("article").replaceChildren();
  $("speakers").replaceChildren();
  $("error").textContent = message;
  $("error").hidden = false;
}

async function analyse() {
  const value = input.value;
  $("error").hidden = true;
  if (!value.trim()) {
    showError("Paste an article first.");
    return;
  }
  const payload = { options: { offset_unit: "utf16", include_other: false, indirect: $("indirect").checked } };
  payload[looksLikeHtml(value) ? "html" : "text"] = value;
  const headers = { "Content-Type": "application/json" };
  const key = $("api-key").value.trim();
  if (key) headers.Authorization = `Bearer ${key}`;
  $("status").textContent = "Analysing…";
  $("analyse").disabled = true;
  try {
    const response = await fetch("/quotes", { method: "POST", headers, body: JSON.stringify(payload) });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = body && typeof body.detail === "string" ? body.detail : `HTTP ${response.status}`;
      showError(`${response.status}: ${detail}`);
      $("status").textContent = "";
      return;
    }
    last = body;
    render(body, body.text ?? value);
    const n = body.quotes.length;
    let status = `${n} quote${n === 1 ? "" : "s"}, ${body.speakers.length} speaker${body.speakers.length === 1 ? "" : "s"}.`;
    if (body.unparsed) {
      // Past the parse allowance: quotes still found, speakers only from plain “Q,” said X. frames.
      status += ` The text is too dense in quote marks to parse whole: from character ${body.unparsed.start} on it was read without a parse, so speakers there come only from plain “said X” frames.`;
    }
    $("status").textContent = status;
  } catch (error) {
    showError(`The service did not answer: ${error.message}`);
    $("status").textContent = "";
  } finally {
    $("analyse").disabled = false;
  }
}

function colourOf(speakerIds) {
  const index = new Map();
  speakerIds.forEach((id, i) => index.set(id, `s${i % PALETTE}`));
  return (id) => (id && index.has(id) ? index.get(id) : "none");
}

function render(body, text) {
  const speakerById = new Map(body.speakers.map((s) => [s.id, s]));
  const colour = colourOf(body.speakers.map((s) => s.id));
  const threshold = Number($("threshold").value || 0.9);
  const article = $("article");
  article.replaceChildren();
  const quotes = [...body.quotes].sort((a, b) => a.start - b.start || b.end - a.end);
  const markOf = (quote) => {
    const mark = document.createElement("mark");
    const speaker = quote.speaker ? speakerById.get(quote.speaker.id) : null;
    mark.className = `${quote.type} ${colour(quote.speaker && quote.speaker.id)}`;
    if (quote.confidence < threshold) mark.classList.add("check");
    mark.dataset.speaker = quote.speaker ? quote.speaker.id : "";
    mark.tabIndex = 0;
    const who = speaker ? speaker.name ?? `unnamed (${quote.speaker_mention ? quote.speaker_mention.text : "?"})` : "no speaker";
    const kind = quote.type === "indirect" ? "reported speech" : `${quote.type} quote`;
    mark.setAttribute("aria-label", `${kind}, ${who}, confidence ${quote.confidence}`);
    const show = (event) => {
      event.stopPropagation(); // a fragment inside reported speech shows its own tip
      showTip(mark, quote, speaker);
    };
    mark.addEventListener("mouseover", show);
    mark.addEventListener("focus", show);
    mark.addEventListener("mouseleave", hideTip);
    mark.addEventListener("blur", hideTip);
    return mark;
  };
  // Reported speech may hold a quoted fragment (claimed it had “degraded”): the fragment
  // is a mark inside the reported one. Other overlaps keep the first quote.
  const place = (parent, from, to, inner) => {
    let at = from;
    inner.forEach((quote, i) => {
      if (quote.start < at || quote.end > to) return;
      parent.append(document.createTextNode(text.slice(at, quote.start)));
      const mark = markOf(quote);
      // The quotes inside it follow it in start order: look only until one starts past its end.
      const nested = [];
      for (let j = i + 1; quote.type === "indirect" && j < inner.length && inner[j].start < quote.end; j += 1) {
        if (inner[j].end <= quote.end) nested.push(inner[j]);
      }
      place(mark, quote.start, quote.end, nested);
      parent.append(mark);
      at = quote.end;
    });
    parent.append(document.createTextNode(text.slice(at, to)));
  };
  place(article, 0, text.length, quotes);
  renderSpeakers(body, colour);
  document.querySelector(".result").hidden = false;
}

function renderSpeakers(body, colour) {
  const list = $("speakers");
  list.replaceChildren();
  for (const speaker of body.speakers) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "plain";
    button.setAttribute("aria-pressed", "false");
    const swatch = document.createElement("span");
    swatch.className = `swatch ${colour(speaker.id)}`;
    swatch.setAttribute("aria-hidden", "true");
    const name = document.createElement("strong");
    name.textContent = speaker.name ?? `unnamed: ${speaker.descriptors[0] ?? "source"}`;
    const meta = document.createElement("span");
    meta.className = "meta";
    const count = speaker.quote_ids.length;
    const titles = speaker.titles.length ? `, ${speaker.titles.join(" ")}` : "";
    meta.textContent = `${speaker.kind}${titles} · ${count} quote${count === 1 ? "" : "s"}`;
    button.append(swatch, name, meta);
    button.addEventListener("click", () => filterTo(speaker.id, button));
    item.append(button);
    list.append(item);
  }
  $("show-all").hidden = true;
}

function filterTo(id, button) {
  const pressed = button.getAttribute("aria-pressed") === "true";
  for (const other of $("speakers").querySelectorAll("button")) other.setAttribute("aria-pressed", "false");
  for (const mark of $("article").querySelectorAll("mark")) {
    mark.classList.toggle("dim", !pressed && mark.dataset.speaker !== id);
  }
  if (!pressed) button.setAttribute("aria-pressed", "true");
  $("show-all").hidden = pressed;
}

function showTip(mark, quote, speaker) {
  const tip = $("tip");
  const list = document.createElement("dl");
  const rows = [
    ["Type", quote.type === "indirect" ? "reported speech" : quote.type],
    ["Speaker", speaker ? speaker.name ?? "unnamed" : "none"],
    ["Mention", quote.speaker_mention ? quote.speaker_mention.text : "—"],
    ["Cue", quote.cue ? quote.cue.text : "—"],
    ["Attribution", quote.attribution],
    ["Resolution", quote.resolution ?? "—"],
    ["Confidence", String(quote.confidence)],
  ];
  for (const [term, value] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = `${term}:`;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }
  tip.replaceChildren(list);
  const box = mark.getBoundingClientRect();
  tip.style.left = `${Math.max(8, window.scrollX + box.left)}px`;
  tip.style.top = `${window.scrollY + box.bottom + 6}px`;
  tip.hidden = false;
}

function hideTip() {
  $("tip").hidden = true;
}

function download() {
  if (!last) return;
  const blob = new Blob([JSON.stringify(last, null, 2)], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "quotes.json";
  link.click();
  URL.revokeObjectURL(link.href);
}

async function copy() {
  if (!last) return;
  try {
    await navigator.clipboard.writeText(JSON.stringify(last, null, 2));
    $("status").textContent = "JSON copied.";
  } catch {
    $("status").textContent = "Copying was refused by the browser; use Download JSON.";
  }
}

$("analyse").addEventListener("click", analyse);
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    analyse();
  }
});
$("sample").addEventListener("change", (event) => {
  if (event.target.value) input.value = event.target.value;
});
$("show-all").addEventListener("click", () => {
  for (const mark of $("article").querySelectorAll("mark")) mark.classList.remove("dim");
  for (const button of $("speakers").querySelectorAll("button")) button.setAttribute("aria-pressed", "false");
  $("show-all").hidden = true;
});
$("copy-json").addEventListener("click", copy);
$("download-json").addEventListener("click", download);
input.addEventListener("dragover", (event) => {
  event.preventDefault();
  input.classList.add("dragging");
});
input.addEventListener("dragleave", () => input.classList.remove("dragging"));
input.addEventListener("drop", async (event) => {
  event.preventDefault();
  input.classList.remove("dragging");
  const file = event.dataTransfer.files[0];
  if (file) input.value = await file.text();
});
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") hideTip();
});
loadSamples();
