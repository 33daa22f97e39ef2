/* Studio editor of the academy blocks (see xblocks/editor/__init__.py). Plain ES5 + jQuery, no build.
 * Texts come translated from the server (args.messages); user data is only ever set as text or values. */
function PptaStudioEditor(runtime, element, args) {
    "use strict";
    var root = $(element).find(".ppta-editor").addBack(".ppta-editor").first();
    var messages = args.messages || {};
    var status = root.find(".ppta-editor__status");
    var problems = root.find(".ppta-editor__problems");
    var initialHtml = root.find(".ppta-editor__fields").html();

    function format(template, values) {
        return template.replace(/%\((\w+)\)s/g, function (match, key) {
            return values.hasOwnProperty(key) ? String(values[key]) : match;
        });
    }

    function announce(text) { status.text(text); }

    // POST JSON to a handler. global:false keeps Studio's global AJAX error handler out (it would fight
    // notify('error')); it also skips global ajaxSend hooks that add the CSRF header (workbench), so the
    // header is set here from Django's cookie.
    function post(handler, data) {
        var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
        return $.ajax({
            type: "POST", url: runtime.handlerUrl(element, handler), data: JSON.stringify(data),
            contentType: "application/json; charset=utf-8", dataType: "json", global: false,
            headers: match ? {"X-CSRFToken": decodeURIComponent(match[1])} : {}
        });
    }

    function isCourseLink(url) {
        url = $.trim(url);
        if (/[\u0000-\u001f\\]/.test(url) || url.indexOf("..") !== -1) { return false; }
        return /^https:\/\/[^\/\s]/i.test(url) || url.indexOf("/static/") === 0 || url.indexOf("/asset-v1:") === 0;
    }

    // ---- list fields as rows ----

    function rowLabel(list, index) {
        return format(list.attr("data-item-label"), {number: index + 1});
    }

    function renumber(list) {
        var rows = list.children(".ppta-editor__row");
        var field = list.closest("[data-field-name]").attr("data-field-name");
        rows.each(function (index) {
            var row = $(this);
            var labelId = "ppta-editor-" + field + "-row-" + (index + 1) + "-" + list.data("uid");
            row.find(".ppta-editor__row-label").attr("id", labelId).text(rowLabel(list, index));
            var inputs = row.find(".ppta-editor__cell-input");
            inputs.each(function () {
                var input = $(this);
                var own = input.siblings("span");
                // A one-text row is named by its label ("Objective 2"); a record cell by row + column.
                input.attr("aria-labelledby", own.length ? labelId + " " + ensureId(own) : labelId);
            });
            row.find(".ppta-editor__row-actions button").attr("aria-describedby", labelId);
            row.find(".ppta-editor__up").prop("disabled", index === 0);
            row.find(".ppta-editor__down").prop("disabled", index === rows.length - 1);
        });
    }

    var idCounter = 0;
    function ensureId(node) {
        if (!node.attr("id")) { node.attr("id", "ppta-editor-id-" + (++idCounter) + "-" + list_uid_seed); }
        return node.attr("id");
    }
    var list_uid_seed = Math.random().toString(36).slice(2, 8);

    function checkRow(row) {
        var bad = false;
        row.find('.ppta-editor__cell-input[data-url="1"]').each(function () {
            var value = $.trim($(this).val());
            var invalid = value !== "" && !isCourseLink(value);
            $(this).attr("aria-invalid", invalid ? "true" : "false");
            bad = bad || invalid;
        });
        var error = row.find(".ppta-editor__row-error");
        error.text(bad ? messages.url_invalid : "").prop("hidden", !bad);
        // The message is read with the field (aria-describedby: wider screen-reader support than aria-errormessage).
        var errorId = ensureId(error);
        row.find('.ppta-editor__cell-input[data-url="1"]').each(function () {
            var input = $(this);
            if (input.attr("aria-invalid") === "true") { input.attr("aria-describedby", errorId); }
            else { input.removeAttr("aria-describedby"); }
        });
        return !bad;
    }

    root.find(".ppta-editor__rows").each(function (index) {
        var list = $(this);
        list.data("uid", list_uid_seed + index);
        renumber(list);
    });

    root.on("click", ".ppta-editor__add", function () {
        var fieldset = $(this).closest("fieldset");
        var list = fieldset.find(".ppta-editor__rows");
        var template = fieldset.find("template.ppta-editor__row-template")[0];
        var row = $(template.content ? document.importNode(template.content, true) : template.innerHTML)
            .filter(".ppta-editor__row").addBack().find(".ppta-editor__row").addBack(".ppta-editor__row").first();
        list.append(row);
        renumber(list);
        row.find(".ppta-editor__cell-input").first().trigger("focus");
        announce(format(messages.added, {item: rowLabel(list, list.children().length - 1)}));
    });

    root.on("click", ".ppta-editor__up, .ppta-editor__down", function () {
        var button = $(this);
        var row = button.closest(".ppta-editor__row");
        var list = row.parent();
        var up = button.hasClass("ppta-editor__up");
        var label = row.find(".ppta-editor__row-label").text();
        if (up && row.prev().length) { row.insertBefore(row.prev()); }
        if (!up && row.next().length) { row.insertAfter(row.next()); }
        renumber(list);
        var position = row.index();
        // Keep focus on the moved row; at an end the pressed button is disabled, so use the other one.
        var target = row.find(up ? ".ppta-editor__up" : ".ppta-editor__down");
        (target.prop("disabled") ? row.find(up ? ".ppta-editor__down" : ".ppta-editor__up") : target).trigger("focus");
        announce(format(messages.moved, {item: label, position: position + 1}));
    });

    root.on("click", ".ppta-editor__remove", function () {
        var row = $(this).closest(".ppta-editor__row");
        var list = row.parent();
        var label = row.find(".ppta-editor__row-label").text();
        var next = row.next().length ? row.next() : row.prev();
        row.remove();
        renumber(list);
        if (next.length) { next.find(".ppta-editor__cell-input").first().trigger("focus"); }
        else { list.closest("fieldset").find(".ppta-editor__add").trigger("focus"); }
        announce(format(messages.removed, {item: label}));
    });

    root.on("change blur", '.ppta-editor__cell-input[data-url="1"]', function () {
        checkRow($(this).closest(".ppta-editor__row"));
    });

    // ---- library material picker ----

    root.find(".ppta-picker").each(function () { setUpPicker($(this)); });

    function setUpPicker(picker) {
        var search = picker.find(".ppta-picker__search");
        var results = picker.find(".ppta-picker__results");
        var summary = picker.find(".ppta-picker__summary");
        var timer = null;
        var sequence = 0;
        var active = -1;
        var found = [];

        function close() {
            results.prop("hidden", true).empty();
            search.attr("aria-expanded", "false").removeAttr("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var options = results.children();
            if (!options.length) { return; }
            active = (index + options.length) % options.length;
            options.attr("aria-selected", "false").removeClass("is-active");
            var option = options.eq(active).attr("aria-selected", "true").addClass("is-active");
            search.attr("aria-activedescendant", option.attr("id"));
            if (option[0].scrollIntoView) { option[0].scrollIntoView({block: "nearest"}); }
        }

        function choose(item) {
            picker.find(".ppta-picker__value").val(item ? item.id : "");
            var text = picker.find(".ppta-picker__chosen-text").empty();
            var preview = picker.find(".ppta-picker__preview");
            if (item) {
                $("<span class='ppta-picker__chosen-title'/>").attr("lang", item.title_language).text(item.title).appendTo(text);
                text.append(" ");
                $("<span class='ppta-picker__chosen-details'/>").text(item.details).appendTo(text);
            } else {
                text.text(messages.cleared);
            }
            if (item && item.preview_url) { preview.attr("src", item.preview_url).prop("hidden", false); }
            else { preview.removeAttr("src").prop("hidden", true); }
            picker.find(".ppta-picker__clear").prop("hidden", !item);
            close();
            announce(item ? format(messages.chosen, {title: item.title}) : messages.cleared);
        }

        function show(data) {
            found = data.results;
            results.empty();
            $.each(found, function (index, item) {
                var option = $("<li role='option' aria-selected='false' class='ppta-picker__option'/>")
                    .attr("id", search.attr("id") + "-option-" + index).attr("data-id", item.id);
                $("<span class='ppta-picker__option-title'/>").attr("lang", item.title_language).text(item.title).appendTo(option);
                $("<span class='ppta-picker__option-details'/>").text(item.details).appendTo(option);
                results.append(option);
            });
            results.prop("hidden", !found.length);
            search.attr("aria-expanded", found.length ? "true" : "false");
            summary.text(data.summary);
            active = -1;
        }

        function run() {
            var q = $.trim(search.val());
            var mine = ++sequence;
            if (!q) { close(); summary.text(""); return; }
            summary.text(messages.searching);
            post("material_search", {q: q}).done(function (data) {
                if (mine === sequence) { show(data); }
            }).fail(function () {
                if (mine === sequence) { close(); summary.text(messages.search_failed); }
            });
        }

        search.on("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(run, 200);
        });
        search.on("keydown", function (event) {
            var open = !results.prop("hidden");
            if (event.key === "ArrowDown" || event.key === "Down") {
                event.preventDefault();
                if (open) { highlight(active + 1); } else { run(); }
            } else if ((event.key === "ArrowUp" || event.key === "Up") && open) {
                event.preventDefault();
                highlight(active - 1);
            } else if (event.key === "Enter") {
                event.preventDefault();  // never submit an enclosing Studio form
                if (open && active >= 0) { choose(found[active]); }
            } else if ((event.key === "Escape" || event.key === "Esc") && open) {
                event.preventDefault();
                event.stopPropagation();  // close the list, not Studio's modal
                close();
            }
        });
        results.on("mousedown", ".ppta-picker__option", function (event) { event.preventDefault(); });
        results.on("click", ".ppta-picker__option", function () {
            choose(found[$(this).index()]);
            search.trigger("focus");
        });
        picker.find(".ppta-picker__clear").on("click", function () {
            choose(null);
            search.trigger("focus");
        });
    }

    // ---- save / cancel ----

    function collect() {
        var values = {};
        root.find("[data-field-name]").each(function () {
            var field = $(this);
            var name = field.attr("data-field-name");
            var kind = field.attr("data-kind");
            if (kind === "checkboxes") {
                values[name] = field.find("input[type=checkbox]:checked").map(function () { return this.value; }).get();
            } else if (kind === "rows") {
                var columns = field.find(".ppta-editor__rows > .ppta-editor__row").map(function () {
                    var inputs = $(this).find(".ppta-editor__cell-input");
                    if (inputs.length === 1 && !inputs.attr("data-key")) { return [inputs.val()]; }
                    var record = {};
                    inputs.each(function () { record[$(this).attr("data-key")] = $(this).val(); });
                    return [record];
                }).get();
                values[name] = columns;
            } else if (kind === "picker") {
                values[name] = field.find(".ppta-picker__value").val();
            } else if (kind === "number") {
                var number = field.find(".ppta-editor__control").val();
                values[name] = /^-?\d+$/.test($.trim(number)) ? parseInt(number, 10) : number;
            } else {
                values[name] = field.find(".ppta-editor__control").val();
            }
        });
        return values;
    }

    function showProblems(list, focus) {
        problems.empty();
        if (!list.length) { problems.prop("hidden", true); return; }
        problems.append($("<span/>").text(messages.save_failed));
        var ul = $("<ul/>").appendTo(problems);
        $.each(list, function (index, text) { $("<li/>").text(text).appendTo(ul); });
        problems.prop("hidden", false);
        if (focus !== false) { problems.trigger("focus"); }
    }

    var savedValues = collect();

    root.find(".save-button").on("click", function (event) {
        event.preventDefault();
        var rowsOk = true;
        root.find(".ppta-editor__row").each(function () { rowsOk = checkRow($(this)) && rowsOk; });
        if (!rowsOk) {
            showProblems([messages.url_invalid], false);
            root.find('.ppta-editor__cell-input[aria-invalid="true"]').first().trigger("focus");
            return;
        }
        showProblems([]);
        announce(messages.saving);
        runtime.notify("save", {state: "start", message: messages.saving});
        // Only what the author changed is sent: untouched fields keep their state (a default stays a
        // default, so it is not written into the course's OLX).
        var current = collect();
        var changed = {};
        $.each(current, function (name, value) {
            if (JSON.stringify(value) !== JSON.stringify(savedValues[name])) { changed[name] = value; }
        });
        post("submit_studio_edits", {values: changed, defaults: []}).done(function () {
            announce(messages.saved);
            savedValues = current;
            initialHtml = root.find(".ppta-editor__fields").html();
            runtime.notify("save", {state: "end"});
        }).fail(function (xhr) {
            var list = [messages.network];
            try {
                var error = JSON.parse(xhr.responseText).error;
                if (error && error.messages) { list = $.map(error.messages, function (m) { return m.text; }); }
                else if (typeof error === "string") { list = [error]; }
            } catch (ignored) { /* keep the network message */ }
            announce("");
            showProblems(list);
            runtime.notify("error", {title: messages.save_failed, message: list.join(" ")});
        });
    });

    root.find(".cancel-button").on("click", function (event) {
        event.preventDefault();
        // Studio closes the modal; where nothing closes it (workbench), the form returns to what was saved.
        root.find(".ppta-editor__fields").html(initialHtml);
        root.find(".ppta-editor__rows").each(function () { renumber($(this)); });
        root.find(".ppta-picker").each(function () { setUpPicker($(this)); });
        showProblems([]);
        announce("");
        runtime.notify("cancel", {});
    });
}
