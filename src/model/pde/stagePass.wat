;; One SSP-RK3 stage pass of the finite-volume solver (stage.ts runStage with the row kernels of
;; stageRows.ts) in WebAssembly SIMD: the two species in the two lanes of an f64x2, ρ+ in lane 0 and
;; ρ− in lane 1 (the − species' velocity is the negative of the + species': the lanes' velocity is
;; u·(1, −1), exactly −u in lane 1). Every value goes through the same operations in the same order
;; as the JavaScript, so the same bits; only the row buffer's layout differs (interleaved lanes).
;; Fields are [ρ+ | ρ−] of N² doubles each (the second at byte offset $nnb); ξ and κ have N².
;; Row buffer (8N doubles, interleaved lane pairs): rates at 0, the half y-slopes of rows j and j+1
;; at 2N and 4N (alternating), the fluxes through the current y-face at 6N.
;; Below the stage pass: the potential's measure pass (potentialEvaluator.ts addFieldAndMeasure).
;; Assembled into stagePassWasm.ts by scripts/wasm.mjs (wrapper: stageWasm.ts; tests/unit/pde.stageWasm.test.ts checks they agree).
(module
 (import "js" "mem" (memory 1))
 ;; θ/2, 1/h, the face-velocity constants and the stage's a, b, c (splat)
 (global $hth (mut v128) (v128.const f64x2 0 0))
 (global $invh (mut f64) (f64.const 0))
 (global $invhv (mut v128) (v128.const f64x2 0 0))
 (global $F1 (mut f64) (f64.const 0))
 (global $F2 (mut f64) (f64.const 0))
 (global $av (mut v128) (v128.const f64x2 0 0))
 (global $bv (mut v128) (v128.const f64x2 0 0))
 (global $cv (mut v128) (v128.const f64x2 0 0))
 ;; bytes of one row, bytes of one species' field
 (global $rowb (mut i32) (i32.const 0))
 (global $nnb (mut i32) (i32.const 0))
 ;; the stage's min per lane and max of ρ+ + ρ−
 (global $mn (mut v128) (v128.const f64x2 0 0))
 (global $mx (mut f64) (f64.const 0))

 ;; limiter.ts halfSlope on both lanes: ½·minmod(θa, (a + b)/2, θb). Called where it runs once per
 ;; row; the cell loops of $xRates and $yRates carry it (and $up, $ld, $vel) written out, because
 ;; node 20's V8 does not inline wasm calls: called there, the pass took 12.8 ms at N = 512 against
 ;; 5.2 ms inline (and 8.5 ms for the JavaScript rows). The bit-equality tests cover every copy.
 (func $hs (param $a v128) (param $b v128) (result v128)
  (local $ta v128) (local $tb v128) (local $q v128) (local $m v128) (local $lo v128) (local $hi v128)
  (local $mn v128) (local $mx v128)
  (local.set $ta (f64x2.mul (global.get $hth) (local.get $a)))
  (local.set $tb (f64x2.mul (global.get $hth) (local.get $b)))
  (local.set $q (f64x2.mul (v128.const f64x2 0.25 0.25) (f64x2.add (local.get $a) (local.get $b))))
  (local.set $m (f64x2.lt (local.get $ta) (local.get $tb)))
  (local.set $lo (v128.bitselect (local.get $ta) (local.get $tb) (local.get $m)))
  (local.set $hi (v128.bitselect (local.get $tb) (local.get $ta) (local.get $m)))
  (local.set $mn (v128.bitselect (local.get $q) (local.get $lo) (f64x2.lt (local.get $q) (local.get $lo))))
  (local.set $mx (v128.bitselect (local.get $q) (local.get $hi) (f64x2.gt (local.get $q) (local.get $hi))))
  (v128.bitselect
   (local.get $mn)
   (v128.bitselect (local.get $mx) (v128.const f64x2 0 0) (f64x2.lt (local.get $mx) (v128.const f64x2 0 0)))
   (f64x2.gt (local.get $mn) (v128.const f64x2 0 0))))

 ;; stageRows.ts upwind on both lanes: w·left where w > 0, else w·right
 (func $up (param $w v128) (param $l v128) (param $r v128) (result v128)
  (v128.bitselect
   (f64x2.mul (local.get $w) (local.get $l))
   (f64x2.mul (local.get $w) (local.get $r))
   (f64x2.gt (local.get $w) (v128.const f64x2 0 0))))

 ;; (ρ+, ρ−) of the cell at byte address p of the + field
 (func $ld (param $p i32) (result v128)
  (v128.load64_lane 1 (i32.add (local.get $p) (global.get $nnb)) (v128.load64_zero (local.get $p))))

 ;; the lanes' velocities (u, −u)
 (func $vel (param $u f64) (result v128)
  (f64x2.mul (f64x2.splat (local.get $u)) (v128.const f64x2 1 -1)))

 ;; yHalfSlopes: half y-slopes of the row at byte address o (rows below/above at ol, oh) into rb at rs
 (func $ySlopes (param $o i32) (param $ol i32) (param $oh i32) (param $rs i32)
  (local $i i32) (local $c v128) (local $e i32)
  (local.set $e (global.get $rowb))
  (block $done
   (loop $row
    (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
    (local.set $c (call $ld (i32.add (local.get $o) (local.get $i))))
    (v128.store (i32.add (local.get $rs) (i32.shl (local.get $i) (i32.const 1)))
     (call $hs
      (f64x2.sub (call $ld (i32.add (local.get $oh) (local.get $i))) (local.get $c))
      (f64x2.sub (local.get $c) (call $ld (i32.add (local.get $ol) (local.get $i))))))
    (local.set $i (i32.add (local.get $i) (i32.const 8)))
    (br $row))))

 ;; xRates: rb[0..2N) ← −(F_{i+½} − F_{i−½})/h of the row at byte address o (ξ's row at x)
 (func $xRates (param $o i32) (param $x i32) (param $rb i32)
  (local $e i32) (local $i i32) (local $i1 i32) (local $i2 i32)
  (local $W v128) (local $L v128) (local $R v128) (local $two v128) (local $dLR v128) (local $dR v128)
  (local $hsW v128) (local $hsL v128) (local $hsR v128) (local $prev v128) (local $f v128)
  (local $xL f64) (local $xR f64) (local $u f64) (local $w v128) (local $om i32) (local $ih f64) (local $ihv v128)
  (local $F f64)
  (local $ha v128) (local $hb v128) (local $ta v128) (local $tb v128) (local $q v128) (local $m v128) (local $lo v128) (local $hi v128) (local $H v128)
  (local.set $e (global.get $rowb))
  (local.set $om (i32.add (local.get $o) (global.get $nnb)))
  (local.set $H (global.get $hth))
  (local.set $ih (global.get $invh))
  (local.set $ihv (global.get $invhv))
  (local.set $F (global.get $F1))
  (local.set $W (call $ld (i32.sub (i32.add (local.get $o) (local.get $e)) (i32.const 8))))
  (local.set $L (call $ld (local.get $o)))
  (local.set $R (call $ld (i32.add (local.get $o) (i32.const 8))))
  (local.set $dLR (f64x2.sub (local.get $R) (local.get $L)))
  (local.set $hsW
   (call $hs
    (f64x2.sub (local.get $L) (local.get $W))
    (f64x2.sub (local.get $W) (call $ld (i32.sub (i32.add (local.get $o) (local.get $e)) (i32.const 16))))))
  (local.set $hsL (call $hs (local.get $dLR) (f64x2.sub (local.get $L) (local.get $W))))
  (local.set $xL (f64.load (local.get $x)))
  (local.set $u
   (f64.add
    (f64.mul
     (f64.sub (f64.load (i32.sub (i32.add (local.get $x) (local.get $e)) (i32.const 8))) (local.get $xL))
     (global.get $invh))
    (global.get $F1)))
  (local.set $prev
   (call $up (call $vel (local.get $u))
    (f64x2.add (local.get $W) (local.get $hsW))
    (f64x2.sub (local.get $L) (local.get $hsL))))
  (block $done
   (loop $cell
    (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
    ;; face i+½: cells L = i, R = i+1 (the slope of R needs cell i+2), periodic in the row
    (local.set $i1 (i32.add (local.get $i) (i32.const 8)))
    (local.set $i1 (select (local.get $i1) (i32.const 0) (i32.lt_u (local.get $i1) (local.get $e))))
    (local.set $i2 (i32.add (local.get $i1) (i32.const 8)))
    (local.set $i2 (select (local.get $i2) (i32.const 0) (i32.lt_u (local.get $i2) (local.get $e))))
    (local.set $two
     (v128.load64_lane 1 (i32.add (local.get $om) (local.get $i2)) (v128.load64_zero (i32.add (local.get $o) (local.get $i2)))))
    (local.set $dR (f64x2.sub (local.get $two) (local.get $R)))
    (local.set $ha (local.get $dR))
    (local.set $hb (local.get $dLR))
    (local.set $ta (f64x2.mul (local.get $H) (local.get $ha)))
    (local.set $tb (f64x2.mul (local.get $H) (local.get $hb)))
    (local.set $q (f64x2.mul (v128.const f64x2 0.25 0.25) (f64x2.add (local.get $ha) (local.get $hb))))
    (local.set $m (f64x2.lt (local.get $ta) (local.get $tb)))
    (local.set $lo (v128.bitselect (local.get $ta) (local.get $tb) (local.get $m)))
    (local.set $hi (v128.bitselect (local.get $tb) (local.get $ta) (local.get $m)))
    (local.set $lo (v128.bitselect (local.get $q) (local.get $lo) (f64x2.lt (local.get $q) (local.get $lo))))
    (local.set $hi (v128.bitselect (local.get $q) (local.get $hi) (f64x2.gt (local.get $q) (local.get $hi))))
    (local.set $hsR
     (v128.bitselect
      (local.get $lo)
      (v128.bitselect (local.get $hi) (v128.const f64x2 0 0) (f64x2.lt (local.get $hi) (v128.const f64x2 0 0)))
      (f64x2.gt (local.get $lo) (v128.const f64x2 0 0))))
    (local.set $xR (f64.load (i32.add (local.get $x) (local.get $i1))))
    (local.set $w
     (f64x2.mul
      (f64x2.splat (f64.add (f64.mul (f64.sub (local.get $xL) (local.get $xR)) (local.get $ih)) (local.get $F)))
      (v128.const f64x2 1 -1)))
    (local.set $f
     (v128.bitselect
      (f64x2.mul (local.get $w) (f64x2.add (local.get $L) (local.get $hsL)))
      (f64x2.mul (local.get $w) (f64x2.sub (local.get $R) (local.get $hsR)))
      (f64x2.gt (local.get $w) (v128.const f64x2 0 0))))
    (v128.store (i32.add (local.get $rb) (i32.shl (local.get $i) (i32.const 1)))
     (f64x2.mul (f64x2.sub (local.get $prev) (local.get $f)) (local.get $ihv)))
    (local.set $prev (local.get $f))
    (local.set $L (local.get $R))
    (local.set $R (local.get $two))
    (local.set $dLR (local.get $dR))
    (local.set $hsL (local.get $hsR))
    (local.set $xL (local.get $xR))
    (local.set $i (i32.add (local.get $i) (i32.const 8)))
    (br $cell))))

 ;; yRates: the y-face above the row at o (rows j+1, j+2 at on, onn; ξ's rows at x, xn): the slopes of
 ;; row j at rb + oC in, row j+1's out at rb + oN, the fluxes through the face below in and above out
 ;; at rb + 6N, the rates become (rate + flux below) − flux above
 (func $yRates (param $o i32) (param $on i32) (param $onn i32) (param $x i32) (param $xn i32)
  (param $rb i32) (param $oC i32) (param $oN i32)
  (local $e i32) (local $i i32) (local $k i32) (local $oG i32)
  (local $L v128) (local $U v128) (local $shU v128) (local $g v128) (local $w v128)
  (local $om i32) (local $onm i32) (local $onnm i32) (local $ih f64) (local $ihv v128) (local $F f64)
  (local $ha v128) (local $hb v128) (local $ta v128) (local $tb v128) (local $q v128) (local $m v128) (local $lo v128) (local $hi v128) (local $H v128)
  (local.set $e (global.get $rowb))
  (local.set $om (i32.add (local.get $o) (global.get $nnb)))
  (local.set $onm (i32.add (local.get $on) (global.get $nnb)))
  (local.set $onnm (i32.add (local.get $onn) (global.get $nnb)))
  (local.set $H (global.get $hth))
  (local.set $ih (global.get $invh))
  (local.set $ihv (global.get $invhv))
  (local.set $F (global.get $F2))
  (local.set $oG (i32.add (local.get $rb) (i32.mul (local.get $e) (i32.const 6))))
  (local.set $oC (i32.add (local.get $rb) (local.get $oC)))
  (local.set $oN (i32.add (local.get $rb) (local.get $oN)))
  (block $done
   (loop $cell
    (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
    (local.set $k (i32.shl (local.get $i) (i32.const 1)))
    (local.set $L
     (v128.load64_lane 1 (i32.add (local.get $om) (local.get $i)) (v128.load64_zero (i32.add (local.get $o) (local.get $i)))))
    (local.set $U
     (v128.load64_lane 1 (i32.add (local.get $onm) (local.get $i)) (v128.load64_zero (i32.add (local.get $on) (local.get $i)))))
    (local.set $ha (f64x2.sub
      (v128.load64_lane 1 (i32.add (local.get $onnm) (local.get $i)) (v128.load64_zero (i32.add (local.get $onn) (local.get $i))))
      (local.get $U)))
    (local.set $hb (f64x2.sub (local.get $U) (local.get $L)))
    (local.set $ta (f64x2.mul (local.get $H) (local.get $ha)))
    (local.set $tb (f64x2.mul (local.get $H) (local.get $hb)))
    (local.set $q (f64x2.mul (v128.const f64x2 0.25 0.25) (f64x2.add (local.get $ha) (local.get $hb))))
    (local.set $m (f64x2.lt (local.get $ta) (local.get $tb)))
    (local.set $lo (v128.bitselect (local.get $ta) (local.get $tb) (local.get $m)))
    (local.set $hi (v128.bitselect (local.get $tb) (local.get $ta) (local.get $m)))
    (local.set $lo (v128.bitselect (local.get $q) (local.get $lo) (f64x2.lt (local.get $q) (local.get $lo))))
    (local.set $hi (v128.bitselect (local.get $q) (local.get $hi) (f64x2.gt (local.get $q) (local.get $hi))))
    (local.set $shU
     (v128.bitselect
      (local.get $lo)
      (v128.bitselect (local.get $hi) (v128.const f64x2 0 0) (f64x2.lt (local.get $hi) (v128.const f64x2 0 0)))
      (f64x2.gt (local.get $lo) (v128.const f64x2 0 0))))
    (v128.store (i32.add (local.get $oN) (local.get $k)) (local.get $shU))
    (local.set $w
     (f64x2.mul
      (f64x2.splat
       (f64.add
        (f64.mul
         (f64.sub (f64.load (i32.add (local.get $x) (local.get $i))) (f64.load (i32.add (local.get $xn) (local.get $i))))
         (local.get $ih))
        (local.get $F)))
      (v128.const f64x2 1 -1)))
    (local.set $g
     (f64x2.mul
      (v128.bitselect
      (f64x2.mul (local.get $w) (f64x2.add (local.get $L) (v128.load (i32.add (local.get $oC) (local.get $k)))))
      (f64x2.mul (local.get $w) (f64x2.sub (local.get $U) (local.get $shU)))
      (f64x2.gt (local.get $w) (v128.const f64x2 0 0)))
      (local.get $ihv)))
    (v128.store (i32.add (local.get $rb) (local.get $k))
     (f64x2.sub
      (f64x2.add (v128.load (i32.add (local.get $rb) (local.get $k))) (v128.load (i32.add (local.get $oG) (local.get $k))))
      (local.get $g)))
    (v128.store (i32.add (local.get $oG) (local.get $k)) (local.get $g))
    (local.set $i (i32.add (local.get $i) (i32.const 8)))
    (br $cell))))

 ;; writeRow: out = a·u0 + b·s + c·rates on the row at byte offset r of the fields, κ = out₊ − out₋,
 ;; values in (0, 1e-150) flushed to 0, the lanes' min and the max of out₊ + out₋ kept
 (func $writeRow (param $r i32) (param $u0 i32) (param $s i32) (param $out i32) (param $kap i32) (param $rb i32)
  (local $e i32) (local $i i32) (local $q i32) (local $y v128) (local $mn v128) (local $p f64) (local $m f64)
  (local $mx f64) (local $sum f64) (local $av v128) (local $bv v128) (local $cv v128) (local $u0m i32) (local $sm i32)
  (local.set $e (global.get $rowb))
  (local.set $av (global.get $av))
  (local.set $bv (global.get $bv))
  (local.set $cv (global.get $cv))
  (local.set $u0m (i32.add (local.get $u0) (global.get $nnb)))
  (local.set $sm (i32.add (local.get $s) (global.get $nnb)))
  (local.set $mn (global.get $mn))
  (local.set $mx (global.get $mx))
  (block $done
   (loop $cell
    (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
    (local.set $q (i32.add (local.get $r) (local.get $i)))
    (local.set $y
     (f64x2.add
      (f64x2.add
       (f64x2.mul (local.get $av)
        (v128.load64_lane 1 (i32.add (local.get $u0m) (local.get $q)) (v128.load64_zero (i32.add (local.get $u0) (local.get $q)))))
       (f64x2.mul (local.get $bv)
        (v128.load64_lane 1 (i32.add (local.get $sm) (local.get $q)) (v128.load64_zero (i32.add (local.get $s) (local.get $q))))))
      (f64x2.mul (local.get $cv) (v128.load (i32.add (local.get $rb) (i32.shl (local.get $i) (i32.const 1)))))))
    (local.set $y
     (v128.bitselect
      (v128.const f64x2 0 0)
      (local.get $y)
      (v128.and
       (f64x2.lt (local.get $y) (v128.const f64x2 1e-150 1e-150))
       (f64x2.gt (local.get $y) (v128.const f64x2 0 0)))))
    (v128.store64_lane 0 (i32.add (local.get $out) (local.get $q)) (local.get $y))
    (v128.store64_lane 1 (i32.add (i32.add (local.get $out) (local.get $q)) (global.get $nnb)) (local.get $y))
    (local.set $p (f64x2.extract_lane 0 (local.get $y)))
    (local.set $m (f64x2.extract_lane 1 (local.get $y)))
    (f64.store (i32.add (local.get $kap) (local.get $q)) (f64.sub (local.get $p) (local.get $m)))
    (local.set $mn (v128.bitselect (local.get $y) (local.get $mn) (f64x2.lt (local.get $y) (local.get $mn))))
    (local.set $sum (f64.add (local.get $p) (local.get $m)))
    (if (f64.gt (local.get $sum) (local.get $mx)) (then (local.set $mx (local.get $sum))))
    (local.set $i (i32.add (local.get $i) (i32.const 8)))
    (br $cell)))
  (global.set $mn (local.get $mn))
  (global.set $mx (local.get $mx)))

 ;; runStage: out = a·u0 + b·s + c·L(s; ξ) (byte addresses of the fields; rb the row buffer, st the
 ;; stats: st[0] ← min of both outputs, st[1] ← max of ρ+ + ρ−; slip: no y-faces)
 (func (export "stage") (param $u0 i32) (param $s i32) (param $x i32) (param $out i32) (param $kap i32)
  (param $rb i32) (param $st i32) (param $N i32) (param $slip i32)
  (param $hth f64) (param $invh f64) (param $F1 f64) (param $F2 f64) (param $a f64) (param $b f64) (param $c f64)
  (local $j i32) (local $r i32) (local $rn i32) (local $rnn i32) (local $oC i32) (local $last i32)
  (local $m0 f64) (local $m1 f64)
  (global.set $rowb (i32.shl (local.get $N) (i32.const 3)))
  (global.set $nnb (i32.mul (global.get $rowb) (local.get $N)))
  (global.set $hth (f64x2.splat (local.get $hth)))
  (global.set $invh (local.get $invh))
  (global.set $invhv (f64x2.splat (local.get $invh)))
  (global.set $F1 (local.get $F1))
  (global.set $F2 (local.get $F2))
  (global.set $av (f64x2.splat (local.get $a)))
  (global.set $bv (f64x2.splat (local.get $b)))
  (global.set $cv (f64x2.splat (local.get $c)))
  (global.set $mn (f64x2.splat (f64.const inf)))
  (global.set $mx (f64.const 0))
  (local.set $oC (i32.shl (global.get $rowb) (i32.const 1)))
  (local.set $last (i32.sub (global.get $nnb) (global.get $rowb)))
  ;; not slip: prime the row buffer with the y-face above row N − 1 (slopes of row 0, fluxes below it)
  (if (i32.eqz (local.get $slip))
   (then
    (call $ySlopes
     (i32.add (local.get $s) (local.get $last))
     (i32.add (local.get $s) (i32.sub (local.get $last) (global.get $rowb)))
     (local.get $s)
     (i32.add (local.get $rb) (local.get $oC)))
    (call $yRates
     (i32.add (local.get $s) (local.get $last)) (local.get $s) (i32.add (local.get $s) (global.get $rowb))
     (i32.add (local.get $x) (local.get $last)) (local.get $x)
     (local.get $rb) (local.get $oC) (i32.sub (i32.mul (global.get $rowb) (i32.const 6)) (local.get $oC)))
    (local.set $oC (i32.sub (i32.mul (global.get $rowb) (i32.const 6)) (local.get $oC)))))
  (block $done
   (loop $row
    (br_if $done (i32.ge_u (local.get $j) (local.get $N)))
    (local.set $r (i32.mul (local.get $j) (global.get $rowb)))
    (local.set $rn (i32.add (local.get $r) (global.get $rowb)))
    (if (i32.ge_u (local.get $rn) (global.get $nnb)) (then (local.set $rn (i32.sub (local.get $rn) (global.get $nnb)))))
    (local.set $rnn (i32.add (local.get $rn) (global.get $rowb)))
    (if (i32.ge_u (local.get $rnn) (global.get $nnb)) (then (local.set $rnn (i32.sub (local.get $rnn) (global.get $nnb)))))
    (call $xRates (i32.add (local.get $s) (local.get $r)) (i32.add (local.get $x) (local.get $r)) (local.get $rb))
    (if (i32.eqz (local.get $slip))
     (then
      (call $yRates
       (i32.add (local.get $s) (local.get $r)) (i32.add (local.get $s) (local.get $rn))
       (i32.add (local.get $s) (local.get $rnn))
       (i32.add (local.get $x) (local.get $r)) (i32.add (local.get $x) (local.get $rn))
       (local.get $rb) (local.get $oC) (i32.sub (i32.mul (global.get $rowb) (i32.const 6)) (local.get $oC)))))
    (call $writeRow (local.get $r) (local.get $u0) (local.get $s) (local.get $out) (local.get $kap) (local.get $rb))
    (local.set $oC (i32.sub (i32.mul (global.get $rowb) (i32.const 6)) (local.get $oC)))
    (local.set $j (i32.add (local.get $j) (i32.const 1)))
    (br $row)))
  ;; min over the lanes with the loop's rule (a later value replaces only a strictly smaller one)
  (local.set $m0 (f64x2.extract_lane 0 (global.get $mn)))
  (local.set $m1 (f64x2.extract_lane 1 (global.get $mn)))
  (f64.store (local.get $st) (select (local.get $m1) (local.get $m0) (f64.lt (local.get $m1) (local.get $m0))))
  (f64.store offset=8 (local.get $st) (global.get $mx)))
;; potentialEvaluator.ts addFieldAndMeasure: ξ ← ξ + U at the centres (byte addresses xi, uc), and into st
;; [E·N², Escale·N², dxMin, dxMax, dyMin, dyMax] (E = h²Σκ(½φ + U), its round-off scale h²Σ(|κ| +
;; 1e-4(ρ+ + ρ−))(½|φ| + |U|), the extreme differences ξ_L − ξ_R across x- and y-faces), the sums and
;; comparisons in the JavaScript's order (scalar), so the same bits
(func (export "measure") (param $xi i32) (param $kap i32) (param $p i32) (param $m i32) (param $uc i32)
 (param $N i32) (param $slip i32) (param $st i32)
 (local $rowb i32) (local $nnb i32) (local $o i32) (local $i i32) (local $q i32) (local $ol i32)
 (local $e f64) (local $sc f64) (local $k f64) (local $phi f64) (local $u f64) (local $d f64) (local $prev f64)
 (local $c f64) (local $dxMax f64) (local $dxMin f64) (local $dyMax f64) (local $dyMin f64)
 (local.set $rowb (i32.shl (local.get $N) (i32.const 3)))
 (local.set $nnb (i32.mul (local.get $rowb) (local.get $N)))
 (local.set $dxMax (f64.const -inf))
 (local.set $dxMin (f64.const inf))
 (local.set $dyMax (f64.const -inf))
 (local.set $dyMin (f64.const inf))
 (block $rowsDone
  (loop $row
   (br_if $rowsDone (i32.ge_u (local.get $o) (local.get $nnb)))
   (local.set $i (i32.const 0))
   (block $cellsDone
    (loop $cell
     (br_if $cellsDone (i32.ge_u (local.get $i) (local.get $rowb)))
     (local.set $q (i32.add (local.get $o) (local.get $i)))
     (local.set $k (f64.load (i32.add (local.get $kap) (local.get $q))))
     (local.set $phi (f64.load (i32.add (local.get $xi) (local.get $q))))
     (local.set $u (f64.load (i32.add (local.get $uc) (local.get $q))))
     (local.set $e
      (f64.add (local.get $e)
       (f64.mul (local.get $k) (f64.add (f64.mul (f64.const 0.5) (local.get $phi)) (local.get $u)))))
     (local.set $sc
      (f64.add (local.get $sc)
       (f64.mul
        (f64.add (f64.abs (local.get $k))
         (f64.mul (f64.const 1e-4)
          (f64.add (f64.load (i32.add (local.get $p) (local.get $q))) (f64.load (i32.add (local.get $m) (local.get $q))))))
        (f64.add (f64.mul (f64.const 0.5) (f64.abs (local.get $phi))) (f64.abs (local.get $u))))))
     (f64.store (i32.add (local.get $xi) (local.get $q)) (f64.add (local.get $phi) (local.get $u)))
     (local.set $i (i32.add (local.get $i) (i32.const 8)))
     (br $cell)))
   ;; x-faces of the row (periodic)
   (local.set $prev (f64.load (i32.sub (i32.add (local.get $xi) (i32.add (local.get $o) (local.get $rowb))) (i32.const 8))))
   (local.set $i (i32.const 0))
   (block $xDone
    (loop $x
     (br_if $xDone (i32.ge_u (local.get $i) (local.get $rowb)))
     (local.set $c (f64.load (i32.add (local.get $xi) (i32.add (local.get $o) (local.get $i)))))
     (local.set $d (f64.sub (local.get $prev) (local.get $c)))
     (if (f64.gt (local.get $d) (local.get $dxMax)) (then (local.set $dxMax (local.get $d))))
     (if (f64.lt (local.get $d) (local.get $dxMin)) (then (local.set $dxMin (local.get $d))))
     (local.set $prev (local.get $c))
     (local.set $i (i32.add (local.get $i) (i32.const 8)))
     (br $x)))
   ;; y-faces below the row (not slip, rows 1…N−1)
   (if (i32.and (i32.eqz (local.get $slip)) (i32.ne (local.get $o) (i32.const 0)))
    (then
     (local.set $ol (i32.sub (local.get $o) (local.get $rowb)))
     (local.set $i (i32.const 0))
     (block $yDone
      (loop $y
       (br_if $yDone (i32.ge_u (local.get $i) (local.get $rowb)))
       (local.set $d
        (f64.sub
         (f64.load (i32.add (local.get $xi) (i32.add (local.get $ol) (local.get $i))))
         (f64.load (i32.add (local.get $xi) (i32.add (local.get $o) (local.get $i))))))
       (if (f64.gt (local.get $d) (local.get $dyMax)) (then (local.set $dyMax (local.get $d))))
       (if (f64.lt (local.get $d) (local.get $dyMin)) (then (local.set $dyMin (local.get $d))))
       (local.set $i (i32.add (local.get $i) (i32.const 8)))
       (br $y)))))
   (local.set $o (i32.add (local.get $o) (local.get $rowb)))
   (br $row)))
 (if (i32.eqz (local.get $slip))
  (then
   ;; the y-face between row N − 1 and row 0
   (local.set $ol (i32.sub (local.get $nnb) (local.get $rowb)))
   (local.set $i (i32.const 0))
   (block $wDone
    (loop $w
     (br_if $wDone (i32.ge_u (local.get $i) (local.get $rowb)))
     (local.set $d
      (f64.sub
       (f64.load (i32.add (local.get $xi) (i32.add (local.get $ol) (local.get $i))))
       (f64.load (i32.add (local.get $xi) (local.get $i)))))
     (if (f64.gt (local.get $d) (local.get $dyMax)) (then (local.set $dyMax (local.get $d))))
     (if (f64.lt (local.get $d) (local.get $dyMin)) (then (local.set $dyMin (local.get $d))))
     (local.set $i (i32.add (local.get $i) (i32.const 8)))
     (br $w))))
  (else
   (local.set $dyMax (f64.const 0))
   (local.set $dyMin (f64.const 0))))
 (f64.store (local.get $st) (local.get $e))
 (f64.store offset=8 (local.get $st) (local.get $sc))
 (f64.store offset=16 (local.get $st) (local.get $dxMin))
 (f64.store offset=24 (local.get $st) (local.get $dxMax))
 (f64.store offset=32 (local.get $st) (local.get $dyMin))
 (f64.store offset=40 (local.get $st) (local.get $dyMax)))
)
