/*
 * Check-in page: read QR codes with the camera where the browser can (BarcodeDetector and
 * getUserMedia). Without them nothing changes: the organiser types the code in the form.
 * A code read from the camera goes into the same form, which is then sent as if typed.
 */
(function () {
    "use strict";

    var scanner = document.querySelector("[data-checkin-scanner]");
    var form = document.querySelector("[data-checkin-form]");
    if (!scanner || !form) {
        return;
    }
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        return;
    }

    var startButton = scanner.querySelector("[data-checkin-scan-start]");
    var stopButton = scanner.querySelector("[data-checkin-scan-stop]");
    var video = scanner.querySelector("[data-checkin-video]");
    var status = scanner.querySelector("[data-checkin-scan-status]");
    var input = form.querySelector("input[name=code]");
    var stream = null;
    var timer = null;
    var detector;

    function codeFrom(text) {
        // The QR holds the check-in page's address with ?code=…; accept a bare code too.
        try {
            var url = new URL(text, window.location.href);
            var code = url.searchParams.get("code");
            if (code) {
                return code;
            }
        } catch (error) {
            // not an address: fall through
        }
        return /^[A-Za-z0-9 -]{6,20}$/.test(text) ? text : "";
    }

    function stop() {
        if (timer) {
            window.clearTimeout(timer);
            timer = null;
        }
        if (stream) {
            stream.getTracks().forEach(function (track) { track.stop(); });
            stream = null;
        }
        video.hidden = true;
        stopButton.hidden = true;
        startButton.hidden = false;
    }

    function look() {
        detector.detect(video).then(function (codes) {
            var code = codes.length ? codeFrom(codes[0].rawValue) : "";
            if (code) {
                stop();
                input.value = code;
                form.submit();
                return;
            }
            timer = window.setTimeout(look, 250);
        }).catch(function () {
            timer = window.setTimeout(look, 500);
        });
    }

    function start() {
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
            .then(function (media) {
                stream = media;
                video.srcObject = media;
                video.hidden = false;
                startButton.hidden = true;
                stopButton.hidden = false;
                status.textContent = status.getAttribute("data-scanning-label");
                return video.play();
            })
            .then(look)
            .catch(function () {
                stop();
                status.textContent = status.getAttribute("data-error-label");
            });
    }

    window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf("qr_code") === -1) {
            return;
        }
        detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        scanner.hidden = false;
        startButton.addEventListener("click", start);
        stopButton.addEventListener("click", stop);
        window.addEventListener("pagehide", stop);
    }).catch(function () {
        // No formats: keep the typed form only.
    });
}());
