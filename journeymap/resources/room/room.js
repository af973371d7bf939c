// The room's phone page. Plain script, no libraries, nothing from the internet.
// Participant text is only ever set with textContent: never parsed as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const KIND_NAMES = { touchpoint: "Touchpoint", pain_point: "Pain point", opportunity: "Opportunity",
                       thought: "Thought" };
  const RETRIES = 5;
  let timerEnd = null;
  let locked = false;
  let sending = false;

  // A request id that survives retries, so the laptop stores a card once however often we send it.
  // crypto.randomUUID needs https; getRandomValues works on a plain local-network page.
  function newClientId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function setStatus(element, text, kind) {
    element.textContent = text;
    element.className = "status" + (kind ? " " + kind : "");
  }

  function option(value, label) {
    const element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    return element;
  }

  function fillSelect(select, items, emptyLabel) {
    const chosen = select.value;
    select.replaceChildren(option("", emptyLabel), ...items.map((item) => option(item.id, item.name)));
    if (items.some((item) => item.id === chosen)) select.value = chosen;
  }

  function render(state) {
    document.title = state.title + " · room";
    $("title").textContent = state.title;
    fillSelect($("stage"), state.stages, "Any stage");
    fillSelect($("lane"), state.lanes, "Any lane");
    locked = state.locked;
    $("send").disabled = locked || sending;
    if (locked) setStatus($("send-status"), "The room is locked: the facilitator is not taking new cards.", "wait");
    else if ($("send-status").textContent.startsWith("The room is locked")) setStatus($("send-status"), "", "");
    renderVoting(state.voting);
    if (state.timer) {
      timerEnd = performance.now() + state.timer.remaining_ms;
      $("timer").hidden = false;
    } else {
      timerEnd = null;
      $("timer").hidden = true;
    }
    tick();
  }

  function renderVoting(voting) {
    const panel = $("voting");
    if (!voting) {
      panel.hidden = true;
      return;
    }
    panel.hidden = false;
    showDotsLeft(voting.left);
    const list = $("vote-cards");
    list.replaceChildren(...voting.cards.map((card) => voteItem(card, voting.left)));
  }

  function showDotsLeft(left) {
    $("dots-left").textContent = left === 1 ? "1 dot left" : left + " dots left";
    $("dots-left").dataset.left = String(left);
  }

  function voteItem(card, left) {
    const item = document.createElement("li");
    item.dataset.kind = card.kind;
    item.dataset.card = card.id;
    const text = document.createElement("span");
    text.className = "vote-text";
    text.textContent = card.title;
    const stage = document.createElement("span");
    stage.className = "vote-stage";
    stage.textContent = KIND_NAMES[card.kind] + " · " + card.stage;
    text.append(stage);
    const mine = document.createElement("span");
    mine.className = "vote-mine";
    mine.textContent = card.mine ? "●".repeat(Math.min(card.mine, 5)) + (card.mine > 5 ? card.mine : "") : "";
    mine.setAttribute("aria-label", card.mine + " of your dots");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "+ dot";
    button.disabled = left <= 0;
    button.setAttribute("aria-label", "Give a dot to " + card.title);
    button.addEventListener("click", () => vote(card.id, button));
    item.append(text, mine, button);
    return item;
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
    let data = {};
    try { data = await response.json(); } catch (error) { data = {}; }
    return { status: response.status, data };
  }

  // Send until the laptop answers; only 201 or 200 (a retry it already had) count as sent.
  async function sendWithRetries(path, body, onWait) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await post(path, body);
        if (result.status !== 503 || attempt >= RETRIES) return result;
      } catch (error) {
        if (attempt >= RETRIES) return { status: 0, data: { error: "The laptop cannot be reached. Check the Wi-Fi." } };
      }
      onWait();
      await new Promise((resolve) => setTimeout(resolve, 500 * (attempt + 1)));
    }
  }

  async function submitCard(event) {
    event.preventDefault();
    if (sending || locked) return;
    const title = $("card-title").value.trim();
    if (!title) {
      setStatus($("send-status"), "Type your idea first.", "bad");
      $("card-title").focus();
      return;
    }
    const author = $("author").value.trim();
    try { localStorage.setItem("journeymap-room-name", author); } catch (error) { /* private mode */ }
    const body = {
      title,
      kind: document.querySelector("input[name=kind]:checked").value,
      stage: $("stage").value || null,
      persona: $("lane").value || null,
      author: author || null,
      client_id: newClientId(),
    };
    const entry = addSent(title);
    sending = true;
    $("send").disabled = true;
    setStatus($("send-status"), "Sending…", "wait");
    const result = await sendWithRetries("api/cards", body, () => setStatus($("send-status"), "Not sent yet, trying again…", "wait"));
    sending = false;
    $("send").disabled = locked;
    if (result.status === 201 || result.status === 200) {
      markSent(entry, "sent ✓", "");
      setStatus($("send-status"), "Sent ✓ The facilitator has it.", "ok");
      $("card-title").value = "";
      updateCount();
    } else {
      const reason = (result.data && result.data.error) || "Not sent (error " + result.status + ").";
      markSent(entry, "not sent", "bad");
      setStatus($("send-status"), reason, "bad");
    }
  }

  function addSent(title) {
    $("mine").hidden = false;
    const item = document.createElement("li");
    const text = document.createElement("span");
    text.textContent = title;
    const state = document.createElement("span");
    state.className = "state wait";
    state.textContent = "sending…";
    item.append(text, state);
    $("sent-list").prepend(item);
    return state;
  }

  function markSent(state, text, kind) {
    state.textContent = text;
    state.className = "state" + (kind ? " " + kind : "");
  }

  async function vote(card, button) {
    button.disabled = true;
    setStatus($("vote-status"), "Sending your dot…", "wait");
    const result = await sendWithRetries("api/votes", { card, client_id: newClientId() }, () => {});
    if (result.status === 201 || result.status === 200) {
      setStatus($("vote-status"), "Dot counted ✓", "ok");
      if (typeof result.data.left === "number") {
        showDotsLeft(result.data.left);
        // No dots left: no button may look as if it still could vote.
        if (result.data.left <= 0) $("vote-cards").querySelectorAll("button").forEach((b) => { b.disabled = true; });
      }
    } else {
      setStatus($("vote-status"), (result.data && result.data.error) || "Not counted.", "bad");
    }
    await refresh();
  }

  async function refresh() {
    try {
      const response = await fetch("api/state", { credentials: "same-origin", cache: "no-store" });
      const data = await response.json();
      if (response.ok) render(data);
      else connection(data.error || "The room refused this phone.", "lost");
    } catch (error) {
      connection("The laptop cannot be reached. Check the Wi-Fi.", "lost");
    }
  }

  function connection(text, kind) {
    $("connection").textContent = text;
    $("connection").className = "connection " + kind;
  }

  function listen() {
    if (!window.EventSource) {
      setInterval(refresh, 3000);
      return;
    }
    const source = new EventSource("api/events");
    source.addEventListener("open", () => connection("Connected to the facilitator's laptop", "live"));
    source.addEventListener("message", (event) => {
      connection("Connected to the facilitator's laptop", "live");
      render(JSON.parse(event.data));
    });
    source.addEventListener("error", () => connection("Connection lost; reconnecting…", "lost"));
  }

  function tick() {
    if (timerEnd === null) return;
    const left = Math.max(0, Math.round((timerEnd - performance.now()) / 1000));
    const minutes = Math.floor(left / 60);
    const seconds = String(left % 60).padStart(2, "0");
    $("timer-value").textContent = minutes + ":" + seconds;
    $("timer").classList.toggle("done", left === 0);
  }

  function updateCount() {
    $("count").textContent = $("card-title").value.length + " / 200";
  }

  document.addEventListener("DOMContentLoaded", () => {
    try { $("author").value = localStorage.getItem("journeymap-room-name") || ""; } catch (error) { /* private mode */ }
    $("card-form").addEventListener("submit", submitCard);
    $("card-title").addEventListener("input", updateCount);
    setInterval(tick, 250);
    refresh().then(listen);
  });
})();
