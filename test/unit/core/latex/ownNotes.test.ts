import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../../../src/core/document';
import { compileClosure } from '../../../../src/core/math/numeric';
import { parsePlainExpr } from '../../../../src/core/parse/plainExpr';
import type { FileReport, TransformReport } from '../../../../src/core/report';
import { detIs } from '../../helpers/latex';

/**
 * Notes written the way people write them (lecture notes, a blog post, paper notes, a cheat
 * sheet, a handout full of non-maps), each with its truth: which maps a careful reader finds,
 * in which variables, with which det J (compared numerically), and no diagnostic on the rest.
 */
const DIR = path.resolve(__dirname, '../../../../../test/fixtures/notes');
const read = (name: string): FileReport => analyzeDocument(readFileSync(path.join(DIR, name), 'utf8'), 'markdown', name);

/** The maps of a note, each found by a line of the note that it spans; nothing else is a map. */
function mapsOf(r: FileReport, lines: readonly number[]): TransformReport[] {
  assert.equal(r.transforms.length, lines.length, `maps: ${r.transforms.map((t) => `${t.name}(${t.variables}) at ${t.range.start.line}`).join(', ')}`);
  return lines.map((l) => {
    const t = r.transforms.find((x) => x.range.start.line <= l && l <= x.range.end.line);
    assert.ok(t, `no map at line ${l}`);
    return t;
  });
}
const quiet = (r: FileReport) => assert.deepEqual(r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.range.start.line}: ${d.message}`), []);

describe('notes as people write them: the maps found, their det J, nothing said about the rest', () => {
  it('lecture notes on curvilinear coordinates: cylindrical, spherical, elliptic, parabolic (over two displays), toroidal', () => {
    const r = read('coordinates.md');
    quiet(r);
    const [cyl, sph, ell, par, tor] = mapsOf(r, [11, 22, 35, 45, 56]);
    assert.deepEqual(cyl.variables, ['rho', 'varphi', 'z']);
    detIs(cyl, (rho) => rho, [[0.7, 0.3, 1], [1.9, 4, -2]]);
    assert.deepEqual(sph.variables, ['r', 'theta', 'phi']);
    detIs(sph, (r, th) => r * r * Math.sin(th), [[0.7, 0.3, 1], [1.9, 2, -2]]);
    assert.deepEqual(ell.variables, ['mu', 'nu']);
    detIs(ell, (mu, nu) => 1.5 ** 2 * (Math.sinh(mu) ** 2 + Math.sin(nu) ** 2), [[0.7, 0.3], [1.2, 2]], { a: 1.5 });
    assert.deepEqual(par.variables, ['sigma', 'tau']);
    detIs(par, (s, t) => s * s + t * t, [[0.7, 0.3], [-1.2, 2]]);
    assert.deepEqual(tor.variables, ['tau', 'phi', 'sigma']);
    // h_τ h_σ h_φ = a^3 sinh τ / (cosh τ − cos σ)^3, negative in the order (τ, φ, σ)
    detIs(tor, (tau, _phi, sig) => -(2 ** 3) * Math.sinh(tau) / (Math.cosh(tau) - Math.cos(sig)) ** 3, [[0.7, 0.3, 1], [1.2, 2, -2]], { a: 2 });
  });

  it('Obsidian and Quarto callouts: a mapsto in a note callout, a shear in a callout block, a map written component by component, spherical coordinates beside an expansion of sin; the ODE and the loss stay quiet', () => {
    const r = read('callouts.md');
    quiet(r);
    const [t, s, f, sph] = mapsOf(r, [6, 12, 20, 43]);
    assert.deepEqual(t.variables, ['u', 'v']);
    detIs(t, () => -2, [[0.3, 0.8]]);
    detIs(s, () => 1, [[0.3, 0.8]], { k: 2 });
    assert.deepEqual(f.variables, ['x', 'y']);
    detIs(f, (x, y) => 4 * (x * x + y * y), [[0.3, 0.8], [-1.2, 2]]);
    assert.deepEqual(sph.variables, ['r', 'theta', 'phi']);
    detIs(sph, (rr, th) => rr * rr * Math.sin(th), [[0.7, 0.3, 1], [1.9, 2, -2]]);
  });

  it('a relativity page: the boost with γ by a formula and β given is a map of t, x with det 1; y\' = y alone is none', () => {
    const r = read('lorentz.md');
    quiet(r);
    const [boost, velocity] = mapsOf(r, [18, 32]);
    assert.deepEqual(boost.variables, ['t', 'x']);
    detIs(boost, () => 1, [[0.3, 0.8], [-2, 1.5]], { c: 3 });
    assert.deepEqual(boost.freeSymbols, ['c'], 'c has no value: the preview asks for it');
    assert.deepEqual(velocity.variables, ['u']);
    detIs(velocity, (u) => (1 - (0.5 / 2) ** 2) / (1 - u * 0.5 / 4) ** 2, [[0.3], [-1.1]], { c: 2, v: 0.5 });
  });

  it('a Box–Muller tutorial: the map of u_1, u_2 with det −2π/u_1, on the unit square; the density and the code stay quiet', () => {
    const r = read('box-muller.md');
    quiet(r);
    const [bm] = mapsOf(r, [6]);
    assert.deepEqual(bm.variables, ['u1', 'u2']);
    detIs(bm, (u1) => -2 * Math.PI / u1, [[0.3, 0.8], [0.9, 0.1]]);
    assert.deepEqual(bm.domain, [[0, 1], [0, 1]]);
  });

  it('paper notes on flows: NICE and RealNVP as index-range blocks (and the inverse), MAF as a family, a leaky ReLU by cases; the likelihood stays quiet', () => {
    const r = read('flows-paper.md');
    quiet(r);
    const [nice, nvp, back, maf, relu] = mapsOf(r, [9, 20, 29, 39, 51]);
    assert.equal(nice.structure, 'coupling');
    detIs(nice, () => 1, [[0.3, 0.8]]);
    // exp(Σ s(x_{1:d})) for the layer, exp(−Σ s(y_{1:d})) for its inverse, for any split
    for (const [t, block, sign] of [[nvp, 'x_1tod', 1], [back, 'y_1tod', -1]] as const) {
      assert.equal(t.structure, 'coupling');
      const det = compileClosure(parsePlainExpr(t.det.split(`sum(s(${block}))`).join('S')), ['S']);
      for (const S of [0.3, -1.2]) assert.ok(Math.abs(det([S]) - Math.exp(sign * S)) < 1e-12, t.det);
    }
    assert.equal(maf.variables.length, 3, 'the family written out at D = 3');
    assert.ok(maf.autoregressive, 'and kept as a family');
    assert.deepEqual(relu.variables, ['u']);
    assert.equal(relu.pieces?.length, 2);
  });

  it('a map projection cheat sheet: Mercator, equal-area and sinusoidal are maps of λ, φ', () => {
    const r = read('projections.md');
    quiet(r);
    const [merc, area, sinus] = mapsOf(r, [8, 16, 22]);
    for (const t of [merc, area, sinus]) assert.deepEqual(t.variables, ['lambda', 'varphi']);
    detIs(merc, (_l, p) => 2 * 2 / Math.cos(p), [[0.3, 0.8], [-1, -1.2]], { R: 2, lambda0: 0.1 });
    detIs(area, (_l, p) => 2 * 2 * Math.cos(p), [[0.3, 0.8], [-1, -1.2]], { R: 2, lambda0: 0.1 });
    detIs(sinus, (_l, p) => Math.cos(p), [[0.3, 0.8], [-1, -1.2]], { lambda0: 0.1 });
  });

  it('discrete dynamics: the Hénon map (det −b), the standard map written with a step index (det 1), the logistic map called so inline (det r(1 − 2x))', () => {
    const r = read('dynamics.md');
    quiet(r);
    const [henon, standard, logistic] = mapsOf(r, [8, 20, 25]);
    assert.deepEqual(henon.variables, ['x_n', 'y_n']);
    detIs(henon, () => -0.3, [[0.3, 0.8]]);
    assert.deepEqual(standard.variables, ['p_n', 'theta_n']);
    detIs(standard, () => 1, [[0.3, 0.8], [-2, 1]], { K: 0.9 });
    assert.deepEqual(logistic.variables, ['x_n']);
    detIs(logistic, (x) => 3.7 * (1 - 2 * x), [[0.3], [0.8]], { r: 3.7 });
  });

  it('robotics notes: a rigid motion as a matrix on (x, y, 1)^T (det 1) and a scaling by a matrix on a column (det s_x s_y)', () => {
    const r = read('rigid.md');
    quiet(r);
    const [motion, scaling] = mapsOf(r, [16, 24]);
    assert.deepEqual(motion.variables, ['x', 'y']);
    detIs(motion, () => 1, [[0.3, 0.8]], { t_x: 1, t_y: -2, theta: 0.7 });
    assert.deepEqual(scaling.variables, ['x', 'y']);
    detIs(scaling, () => 2 * 3, [[0.3, 0.8]], { s_x: 2, s_y: 3 });
  });

  it('planar and radial flows: vector maps with the determinant lemma; r = ‖z − z_0‖ beside the map is no map and says nothing', () => {
    const r = read('planar-radial.md');
    quiet(r);
    const [planar, radial] = mapsOf(r, [8, 17]);
    for (const t of [planar, radial]) {
      assert.deepEqual(t.variables, ['z']);
      assert.equal(t.vector?.form, 'rank-one update');
    }
    // 1 + h'(wᵀz + b) uᵀw, and (1 + βh)^(n−1) (1 + βh + βh' r) with h = 1/(α + r)
    const planarDet = compileClosure(parsePlainExpr(planar.det.replace("h'(dot(w, z) + b)", 'hp').replace('dot(w, u)', 'wu')), ['hp', 'wu']);
    assert.ok(Math.abs(planarDet([0.4, -2]) - (1 - 0.8)) < 1e-12);
    const radialDet = compileClosure(parsePlainExpr(radial.det.split('norm(z - z0)').join('r').split('dim(z)').join('n')), ['alpha', 'beta', 'r', 'n']);
    const [alpha, beta, rr, n] = [0.5, 1.5, 0.8, 3], h = 1 / (alpha + rr);
    assert.ok(Math.abs(radialDet([alpha, beta, rr, n]) - (1 + beta * h) ** (n - 1) * (1 + beta * h - beta * h * h * rr)) < 1e-12);
  });

  it('a blog post on polar coordinates split over two displays with "while" between, the domain in the prose', () => {
    const r = read('polar-blog.md');
    quiet(r);
    const [polar] = mapsOf(r, [5]);
    assert.deepEqual(polar.variables, ['r', 'theta']);
    detIs(polar, (rr) => rr, [[0.7, 0.3]]);
  });

  it('VAE notes full of densities, an ELBO, a KL term, losses, signatures, an ODE, a softmax, a CDF, expectations: no map and no diagnostic', () => {
    const r = read('vae.md');
    assert.deepEqual(r.transforms.map((t) => t.name), []);
    quiet(r);
  });

  it('lecture notes on change of variables: the exponential map g(x) = e^x inline, Box–Muller, polar inline (with $x = 3$ earlier), y = Ax + b; densities, Bayes, a norm and an expectation stay quiet', () => {
    const r = read('change-of-variables.md');
    quiet(r);
    const [g, bm, polar, lin] = mapsOf(r, [15, 26, 35, 37]);
    assert.deepEqual(g.variables, ['x']);
    detIs(g, (x) => Math.exp(x), [[0.3], [-1.2]]);
    detIs(bm, (u1) => -2 * Math.PI / u1, [[0.3, 0.6]]);
    assert.deepEqual(polar.variables, ['r', 'theta']);
    detIs(polar, (rr) => rr, [[0.7, 0.2]]);
    assert.deepEqual(lin.variables, ['x']);
  });

  it('robotics notes: the two-link arm in θ1, θ2 (the lengths\' sign is no domain), det l1 l2 sin θ2; the 3R arm in θ1…θ3 with the c_{12} shorthand (det a1 a2 sin θ2); dynamics stay quiet', () => {
    const r = read('arm-kinematics.md');
    quiet(r);
    const [arm, arm3] = mapsOf(r, [6, 20]);
    assert.deepEqual(arm.variables, ['theta1', 'theta2']);
    detIs(arm, (_a, b) => 0.7 * 1.3 * Math.sin(b), [[0.3, 0.9]], { l1: 0.7, l2: 1.3 });
    assert.deepEqual(arm3.variables, ['theta1', 'theta2', 'theta3']);
    // c_1, c_{12}, s_{123}: the shorthand put in (c_{12} = cos(θ1 + θ2) "and so on")
    detIs(arm3, (_a, b) => 0.5 * 1.5 * Math.sin(b), [[0.3, 0.9, -0.4]], { a1: 0.5, a2: 1.5, a3: 2 });
  });

  it('curvilinear coordinates in gather with &, cases, two displays and aligned; Laplacian, scale factors, equations of motion quiet', () => {
    const r = read('curvilinear-gather.md');
    quiet(r);
    const [cyl, sph, ell, par] = mapsOf(r, [5, 13, 26, 34]);
    detIs(cyl, (rho) => rho, [[0.7, 0.3, 1]]);
    detIs(sph, (rr, th) => rr * rr * Math.sin(th), [[0.7, 0.3, 1]]);
    detIs(ell, (mu, nu) => 4 * (Math.sinh(mu) ** 2 + Math.sin(nu) ** 2), [[0.7, 0.3]], { a: 2 });
    detIs(par, (s, t) => s * s + t * t, [[0.7, 0.3]]);
  });

  it('a reading guide on flows: planar (its ψ helper quiet), radial, affine coupling, MAF, a general autoregressive flow; the likelihood and KL quiet', () => {
    const r = read('flows-guide.md');
    quiet(r);
    const [, , coupling, maf, general] = mapsOf(r, [9, 16, 23, 35, 41]);
    assert.equal(coupling.structure, 'coupling');
    assert.ok(maf.autoregressive && general.autoregressive);
    assert.equal(general.structure, 'triangular');
  });

  it('image warps: similarity (det s²), barrel distortion in x, y (r² given), swirl (det 1), homography; the photometric loss quiet', () => {
    const r = read('image-warps.md');
    quiet(r);
    const [sim, barrel, swirl, homography] = mapsOf(r, [7, 12, 17, 21]);
    detIs(sim, () => 4, [[0.3, 0.6]], { s: 2, theta: 0.4, t_x: 1, t_y: 2 });
    assert.deepEqual(barrel.variables, ['x', 'y']);
    detIs(swirl, () => 1, [[0.3, 0.6], [-1, 0.2]], { phi0: 1.2, rho: 0.8 });
    assert.equal(homography.variables.length, 2);
  });

  it('complex maps with z = x + iy: z ↦ z² and its u, v one map, w = e^z and u + iv = e^x(cos y + i sin y) one, Joukowski J inline and in parts one; Cauchy–Riemann quiet', () => {
    const r = read('complex-maps.md');
    quiet(r);
    // each stated twice (inline, then in parts in display math): one map, at the display
    const [sq, ex, jz] = mapsOf(r, [4, 10, 17]);
    detIs(sq, (x, y) => 4 * (x * x + y * y), [[0.3, 0.6]]);
    detIs(ex, (x) => Math.exp(2 * x), [[0.3, 0.6]]);
    const joukowski = (x: number, y: number) => { const q = (x * x + y * y) ** 2; const re = 1 - (x * x - y * y) / q, im = 2 * x * y / q; return re * re + im * im; };
    detIs(jz, joukowski, [[0.6, 0.7]]);
    assert.equal(jz.name, 'J', 'the name the note gives it inline');
  });

  it('a physics lecture with \\boldsymbol vectors: cylindrical as a column (s ≥ 0 its domain), spherical in aligned, a rotating frame in x, y (ω, t constants); energies, a Lagrangian, unit vectors by a matrix quiet', () => {
    const r = read('physics-coordinates.md');
    quiet(r);
    const [cyl, sph, frame] = mapsOf(r, [9, 19, 40]);
    assert.deepEqual(cyl.variables, ['s', 'varphi', 'z']);
    detIs(cyl, (s) => s, [[0.7, 0.3, 1]]);
    assert.deepEqual(cyl.domain[0], [0, 2]);
    assert.deepEqual(sph.variables, ['r', 'vartheta', 'varphi']);
    detIs(sph, (rr, th) => rr * rr * Math.sin(th), [[0.7, 0.3, 1]]);
    assert.deepEqual(frame.variables, ['x', 'y']);
    detIs(frame, () => 1, [[0.7, 0.3]], { omega: 2, t: 0.4 });
  });

  it('a blog post on flows: a 2-D coupling h(a, b), a leaky unit by cases, a mapsto in prose; the likelihood, a loss, a density, a probability, a softplus and a schedule quiet', () => {
    const r = read('flows-blog.md');
    quiet(r);
    const [h, g, shift] = mapsOf(r, [12, 21, 28]);
    detIs(h, (a) => Math.exp(Math.tanh(a)), [[0.7, 0.3], [-1, 2]]);
    assert.deepEqual(g.variables, ['u']);
    assert.equal(g.pieces?.length, 2);
    assert.deepEqual(shift.variables, ['rho', 'phi']);
    detIs(shift, () => 1, [[0.7, 0.3]]);
  });

  it('a Jupyter notebook on flows: the y_{1:d} = x_{1:d} coupling (det exp Σ s) and its 2-D instance in aligned; code cells and the training loss quiet', () => {
    const r = analyzeDocument(readFileSync(path.join(DIR, 'flows-notebook.ipynb'), 'utf8'), 'notebook', 'flows-notebook.ipynb');
    quiet(r);
    assert.deepEqual(r.transforms.map((t) => t.cell), [2, 4]);
    const [coupling, plot] = r.transforms;
    assert.equal(coupling.structure, 'coupling');
    const det = compileClosure(parsePlainExpr(coupling.det.split('sum(s(x_1tod))').join('S')), ['S']);
    for (const S of [0.3, -1.2]) assert.ok(Math.abs(det([S]) - Math.exp(S)) < 1e-12, coupling.det);
    assert.deepEqual(plot.variables, ['a', 'b']);
    detIs(plot, (a) => Math.exp(Math.sin(a)), [[0.7, 0.3], [-1, 2]]);
  });

  it('least squares notes: residuals, an arg min, losses, a gradient, a covariance and inline values: no map and no diagnostic', () => {
    const r = read('regression.md');
    quiet(r);
    mapsOf(r, []);
  });
});

