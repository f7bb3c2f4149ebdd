;; The scanner's element loop (Scanner.value in scanner.ts, with facts) in WebAssembly: the same checks
;; and the same facts, over a window of bytes held in this module's memory. It never reports an error
;; itself: on anything it cannot finish (the window's end, invalid JSON, nesting too deep, an escaped key
;; to classify, too many payloads) it returns -1, and scanner.ts reads the element again in JavaScript,
;; which reads on or throws exactly as before. Built into scanner.wasm by scripts/build-wasm.js.
;;
;; Memory: the stack of open containers at 0 (one byte a level), the facts at 1024, the payload cuts
;; at 2048 (CUTS_MAX numbers), key tables from 8192 (written by kernel.ts), the window from 65536.
(module
  (memory (export "memory") 2)

  (global $escaped (mut i32) (i32.const 0))

  ;; A byte that is JSON whitespace.
  (func $ws (param $c i32) (result i32)
    (i32.or
      (i32.or (i32.eq (local.get $c) (i32.const 0x20)) (i32.eq (local.get $c) (i32.const 0x0a)))
      (i32.or (i32.eq (local.get $c) (i32.const 0x0d)) (i32.eq (local.get $c) (i32.const 0x09)))))

  ;; The first position from $i that is not whitespace, or -1 at the window's end.
  (func $skip (param $i i32) (param $len i32) (result i32)
    (loop $l
      (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const -1))))
      (if (call $ws (i32.load8_u (local.get $i)))
        (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l))))
    (local.get $i))

  ;; $i at a backslash: the position after its escape sequence, or -1.
  (func $escape (param $i i32) (param $len i32) (result i32)
    (local $c i32) (local $k i32)
    (if (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $len)) (then (return (i32.const -1))))
    (local.set $c (i32.load8_u offset=1 (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 0x75))
      (then
        (if (i32.gt_u (i32.add (local.get $i) (i32.const 6)) (local.get $len)) (then (return (i32.const -1))))
        (local.set $k (i32.const 2))
        (loop $hex
          (local.set $c (i32.load8_u (i32.add (local.get $i) (local.get $k))))
          ;; 0-9, a-f, A-F (lower-cased by setting bit 5, which maps no other byte into a-f)
          (if (i32.eqz
                (i32.or
                  (i32.le_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 9))
                  (i32.le_u (i32.sub (i32.or (local.get $c) (i32.const 0x20)) (i32.const 0x61)) (i32.const 5))))
            (then (return (i32.const -1))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $hex (i32.lt_u (local.get $k) (i32.const 6))))
        (return (i32.add (local.get $i) (i32.const 6)))))
    (if (i32.or
          (i32.or
            (i32.or (i32.eq (local.get $c) (i32.const 0x22)) (i32.eq (local.get $c) (i32.const 0x5c)))
            (i32.or (i32.eq (local.get $c) (i32.const 0x2f)) (i32.eq (local.get $c) (i32.const 0x62))))
          (i32.or
            (i32.or (i32.eq (local.get $c) (i32.const 0x66)) (i32.eq (local.get $c) (i32.const 0x6e)))
            (i32.or (i32.eq (local.get $c) (i32.const 0x72)) (i32.eq (local.get $c) (i32.const 0x74)))))
      (then (return (i32.add (local.get $i) (i32.const 2)))))
    (i32.const -1))

  ;; $i at an opening quote: the position after the closing one, or -1; $escaped says whether it held an
  ;; escape. Sixteen bytes at a time: the window has slack after its end, never read as part of it.
  (func $string (param $i i32) (param $len i32) (result i32)
    (local $m i32) (local $v v128) (local $c i32)
    (global.set $escaped (i32.const 0))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (loop $l
      (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const -1))))
      (local.set $v (v128.load (local.get $i)))
      (local.set $m
        (i8x16.bitmask
          (v128.or
            (v128.or
              (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x22)))
              (i8x16.eq (local.get $v) (i8x16.splat (i32.const 0x5c))))
            (i8x16.lt_u (local.get $v) (i8x16.splat (i32.const 0x20))))))
      (if (i32.eqz (local.get $m))
        (then (local.set $i (i32.add (local.get $i) (i32.const 16))) (br $l)))
      (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $m))))
      (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const -1))))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $c) (i32.const 0x22)) (then (return (i32.add (local.get $i) (i32.const 1)))))
      (if (i32.eq (local.get $c) (i32.const 0x5c))
        (then
          (global.set $escaped (i32.const 1))
          (local.set $i (call $escape (local.get $i) (local.get $len)))
          (br_if $l (i32.ge_s (local.get $i) (i32.const 0)))
          (return (i32.const -1)))))
    ;; a control character
    (i32.const -1))

  ;; One or more digits from $i: the position after them, or -1.
  (func $digits (param $i i32) (param $len i32) (result i32)
    (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const -1))))
    (if (i32.gt_u (i32.sub (i32.load8_u (local.get $i)) (i32.const 0x30)) (i32.const 9)) (then (return (i32.const -1))))
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const -1))))
      (br_if $l (i32.le_u (i32.sub (i32.load8_u (local.get $i)) (i32.const 0x30)) (i32.const 9))))
    (local.get $i))

  ;; A number from $i, as JSON writes them: the position after it, or -1. The byte after a number
  ;; must be in the window, so that it is known to have ended.
  (func $number (param $i i32) (param $len i32) (result i32)
    (local $c i32)
    (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2d)) (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
    (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const -1))))
    (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x30))
      (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
      (else (local.set $i (call $digits (local.get $i) (local.get $len)))))
    (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
    (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const -1))))
    (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2e))
      (then
        (local.set $i (call $digits (i32.add (local.get $i) (i32.const 1)) (local.get $len)))
        (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))))
    (local.set $c (i32.or (i32.load8_u (local.get $i)) (i32.const 0x20)))
    (if (i32.eq (local.get $c) (i32.const 0x65))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const -1))))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 0x2b)) (i32.eq (local.get $c) (i32.const 0x2d)))
          (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (local.set $i (call $digits (local.get $i) (local.get $len)))))
    (local.get $i))

  ;; The literal of $n bytes whose bytes are $word (little-endian, at most 4) at $i: the position after it, or -1.
  (func $literal (param $i i32) (param $len i32) (param $word i32) (param $n i32) (result i32)
    (local $k i32)
    (if (i32.gt_u (i32.add (local.get $i) (local.get $n)) (local.get $len)) (then (return (i32.const -1))))
    (loop $l
      (if (i32.ne (i32.load8_u (i32.add (local.get $i) (local.get $k)))
                  (i32.and (i32.shr_u (local.get $word) (i32.shl (local.get $k) (i32.const 3))) (i32.const 0xff)))
        (then (return (i32.const -1))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (local.get $n))))
    (i32.add (local.get $i) (local.get $n)))

  ;; The code of the key in bytes [$from, $to) by the table at $table (see kernel.ts): at $table + 20 +
  ;; 4 × length, the offset of a list of [code, bytes…] entries of that length, ended by a code of 0.
  (func $classify (param $table i32) (param $from i32) (param $to i32) (result i32)
    (local $n i32) (local $e i32) (local $k i32)
    (local.set $n (i32.sub (local.get $to) (local.get $from)))
    (if (i32.gt_u (local.get $n) (i32.const 31)) (then (return (i32.const 0))))
    (local.set $e (i32.load offset=20 (i32.add (local.get $table) (i32.shl (local.get $n) (i32.const 2)))))
    (if (i32.eqz (local.get $e)) (then (return (i32.const 0))))
    (block $none
      (loop $entry
        (br_if $none (i32.eqz (i32.load8_u (local.get $e))))
        (local.set $k (i32.const 0))
        (block $differs
          (loop $byte
            (if (i32.lt_u (local.get $k) (local.get $n))
              (then
                (br_if $differs (i32.ne (i32.load8_u (i32.add (local.get $from) (local.get $k)))
                                        (i32.load8_u offset=1 (i32.add (local.get $e) (local.get $k)))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $byte))))
          (return (i32.load8_u (local.get $e))))
        (local.set $e (i32.add (local.get $e) (i32.add (local.get $n) (i32.const 1))))
        (br $entry)))
    (i32.const 0))

  ;; Scans the value at $i (after whitespace) of the window [0, $len); $room is how many more levels it
  ;; may open; $table the element's key table. Returns where it ends and leaves its facts at 1024:
  ;; typeStart, typeEnd, typeEscaped, marksSensitive, present, number of cuts (each an i32). -1: read
  ;; it again in JavaScript.
  (func (export "element") (param $i i32) (param $len i32) (param $room i32) (param $table i32) (result i32)
    (local $c i32) (local $level i32) (local $payloadAt i32) (local $payloadStart i32) (local $sensitive i32)
    (local $pending i32) (local $nonEmpty i32) (local $was i32) (local $member i32) (local $keyStart i32)
    (local $bit i32) (local $cuts i32) (local $object i32) (local $marks i32) (local $present i32)
    (local $typeStart i32) (local $typeEnd i32) (local $typeEscaped i32)
    (local.set $payloadAt (i32.const -1))
    (local.set $typeStart (i32.const -1))
    (local.set $typeEnd (i32.const -1))
    (loop $value
      (local.set $i (call $skip (local.get $i) (local.get $len)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
      (local.set $c (i32.load8_u (local.get $i)))
      (if (local.get $pending)
        (then
          (if (i32.ge_u (local.get $pending) (i32.const 8))
            (then
              (local.set $bit (i32.shl (i32.const 1) (i32.sub (local.get $pending) (i32.const 8))))
              (local.set $present (i32.and (local.get $present) (i32.xor (local.get $bit) (i32.const -1))))
              (if (i32.eq (local.get $c) (i32.load8_u offset=4 (i32.add (local.get $table) (i32.sub (local.get $pending) (i32.const 8)))))
                (then
                  (if (i32.and (i32.load (local.get $table)) (local.get $bit))
                    (then (local.set $nonEmpty (local.get $bit)))
                    (else (local.set $present (i32.or (local.get $present) (local.get $bit))))))))
            (else
              (if (i32.ge_u (local.get $pending) (i32.const 2))
                (then
                  (local.set $payloadAt (local.get $level))
                  (local.set $payloadStart (local.get $i))
                  (local.set $sensitive (i32.eq (local.get $pending) (i32.const 3))))
                (else
                  (if (i32.eq (local.get $c) (i32.const 0x22)) (then (local.set $typeStart (local.get $i))))))))))
      (local.set $was (local.get $pending))
      (local.set $pending (i32.const 0))
      (local.set $member (i32.const 0))
      (block $after
        (if (i32.or (i32.eq (local.get $c) (i32.const 0x7b)) (i32.eq (local.get $c) (i32.const 0x5b)))
          (then
            (if (i32.ge_s (local.get $level) (local.get $room)) (then (return (i32.const -1))))
            (local.set $object (i32.eq (local.get $c) (i32.const 0x7b)))
            (local.set $level (i32.add (local.get $level) (i32.const 1)))
            (i32.store8 (local.get $level) (local.get $object))
            (local.set $i (call $skip (i32.add (local.get $i) (i32.const 1)) (local.get $len)))
            (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
            (local.set $c (i32.load8_u (local.get $i)))
            (if (local.get $nonEmpty)
              (then
                (if (i32.ne (local.get $c) (i32.const 0x5d)) (then (local.set $present (i32.or (local.get $present) (local.get $nonEmpty)))))
                (local.set $nonEmpty (i32.const 0))))
            (if (i32.eq (local.get $c) (select (i32.const 0x7d) (i32.const 0x5d) (local.get $object)))
              (then
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (local.set $level (i32.sub (local.get $level) (i32.const 1)))
                (br $after)))
            (if (local.get $object) (then (local.set $member (i32.const 1)) (br $after)))
            (br $value)))
        (if (i32.eq (local.get $c) (i32.const 0x22))
          (then
            (local.set $i (call $string (local.get $i) (local.get $len)))
            (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
            (if (i32.eq (local.get $was) (i32.const 1))
              (then
                (local.set $typeEnd (local.get $i))
                (local.set $typeEscaped (global.get $escaped))))
            (if (local.get $sensitive) (then (local.set $marks (i32.const 1))))
            (br $after)))
        (if (i32.eq (local.get $c) (i32.const 0x74))
          (then
            (local.set $i (call $literal (local.get $i) (local.get $len) (i32.const 0x65757274) (i32.const 4)))
            (if (local.get $sensitive) (then (local.set $marks (i32.const 1)))))
          (else
            (if (i32.eq (local.get $c) (i32.const 0x66))
              (then (local.set $i (call $literal (local.get $i) (local.get $len) (i32.const 0x736c6166) (i32.const 4)))
                    ;; the fifth byte of "false"
                    (if (i32.ge_s (local.get $i) (i32.const 0))
                      (then
                        (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const -1))))
                        (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x65)) (then (return (i32.const -1))))
                        (local.set $i (i32.add (local.get $i) (i32.const 1))))))
              (else
                (if (i32.eq (local.get $c) (i32.const 0x6e))
                  (then (local.set $i (call $literal (local.get $i) (local.get $len) (i32.const 0x6c6c756e) (i32.const 4))))
                  (else
                    (if (i32.or (i32.eq (local.get $c) (i32.const 0x2d)) (i32.le_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 9)))
                      (then
                        (local.set $i (call $number (local.get $i) (local.get $len)))
                        (if (local.get $sensitive) (then (local.set $marks (i32.const 1)))))
                      (else (return (i32.const -1))))))))))
        (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1)))))
      ;; After a value: close containers, or move on to the next member or element.
      (block $toMember
        (loop $close
          (br_if $toMember (local.get $member))
          (if (i32.eq (local.get $payloadAt) (local.get $level))
            (then
              (if (i32.ge_u (local.get $cuts) (i32.const 1024)) (then (return (i32.const -1))))
              (i32.store offset=2048 (i32.shl (local.get $cuts) (i32.const 2)) (local.get $payloadStart))
              (i32.store offset=2052 (i32.shl (local.get $cuts) (i32.const 2)) (local.get $i))
              (local.set $cuts (i32.add (local.get $cuts) (i32.const 2)))
              (local.set $payloadAt (i32.const -1))
              (local.set $sensitive (i32.const 0))))
          (if (i32.eqz (local.get $level))
            (then
              (i32.store (i32.const 1024) (local.get $typeStart))
              (i32.store (i32.const 1028) (local.get $typeEnd))
              (i32.store (i32.const 1032) (local.get $typeEscaped))
              (i32.store (i32.const 1036) (local.get $marks))
              (i32.store (i32.const 1040) (local.get $present))
              (i32.store (i32.const 1044) (local.get $cuts))
              (return (local.get $i))))
          (local.set $i (call $skip (local.get $i) (local.get $len)))
          (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
          (local.set $c (i32.load8_u (local.get $i)))
          (if (i32.load8_u (local.get $level))
            (then
              (if (i32.eq (local.get $c) (i32.const 0x2c))
                (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (local.set $member (i32.const 1)) (br $toMember)))
              (if (i32.eq (local.get $c) (i32.const 0x7d))
                (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (local.set $level (i32.sub (local.get $level) (i32.const 1))) (br $close))))
            (else
              (if (i32.eq (local.get $c) (i32.const 0x2c))
                (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $value)))
              (if (i32.eq (local.get $c) (i32.const 0x5d))
                (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (local.set $level (i32.sub (local.get $level) (i32.const 1))) (br $close)))))
          (return (i32.const -1))))
      ;; `"key" :` of an object member; outside payloads, its name may say what the value is.
      (local.set $i (call $skip (local.get $i) (local.get $len)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x22)) (then (return (i32.const -1))))
      (local.set $keyStart (local.get $i))
      (local.set $i (call $string (local.get $i) (local.get $len)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
      (if (i32.lt_s (local.get $payloadAt) (i32.const 0))
        (then
          ;; An escaped key is classified in JavaScript.
          (if (global.get $escaped) (then (return (i32.const -1))))
          (local.set $pending (call $classify (local.get $table) (i32.add (local.get $keyStart) (i32.const 1)) (i32.sub (local.get $i) (i32.const 1))))
          (if (i32.eq (local.get $pending) (i32.const 1))
            (then (if (i32.ne (local.get $level) (i32.const 1)) (then (local.set $pending (i32.const 0)))))
            (else
              (if (i32.ge_u (local.get $pending) (i32.const 8))
                (then
                  (if (i32.ne (local.get $level) (i32.load8_u offset=12 (i32.add (local.get $table) (i32.sub (local.get $pending) (i32.const 8)))))
                    (then (local.set $pending (i32.const 0))))))))))
      (local.set $i (call $skip (local.get $i) (local.get $len)))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
      (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x3a)) (then (return (i32.const -1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $value))
    (unreachable))
)
