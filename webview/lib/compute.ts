/**
 * The computing side of the panel, the same in the worker and (when a worker cannot be
 * started) on the page: a request names a model (a report's trees and the user's
 * stand-ins) and a picture to compute; models are compiled once and kept by key.
 */
import { NotNumericError } from '../../src/core/math/numeric';
import type { Model, ModelSpec, StandInUse } from './model';
import { modelOf } from './flow';
import { Scene, SceneRequest, computeScene } from './scene';
import { Scene1D, Scene1DRequest, computeScene1D } from './scene1d';
import { FieldRequest, FieldScene, computeField } from './field';

export type PictureRequest = ({ readonly n: 1 } & Scene1DRequest) | ({ readonly n: 2 } & SceneRequest) | ({ readonly n: 'field' } & FieldRequest);

export interface ComputeRequest {
  readonly id: number;
  /** Identifies `spec`: equal keys mean equal specs (the model is reused). */
  readonly modelKey: string;
  readonly spec: ModelSpec;
  readonly picture: PictureRequest;
}

export interface ModelInfo {
  readonly standIns: readonly StandInUse[];
  readonly symbols: ReadonlyArray<{ readonly name: string; readonly value: number }>;
  readonly detSource: Model['detSource'];
}

export type ComputeResponse =
  | { readonly id: number; readonly ok: true; readonly scene: Scene | Scene1D | FieldScene; readonly model: ModelInfo }
  | { readonly id: number; readonly ok: false; readonly error: string };

export class Computer {
  private readonly models = new Map<string, Model>();

  run(req: ComputeRequest): ComputeResponse {
    try {
      let model = this.models.get(req.modelKey);
      if (!model) {
        model = modelOf(req.spec);
        if (this.models.size >= 8) this.models.delete(this.models.keys().next().value!);
        this.models.set(req.modelKey, model);
      }
      const pic = req.picture;
      const scene = pic.n === 1 ? computeScene1D(model, pic) : pic.n === 'field' ? computeField(model, pic) : computeScene(model, pic);
      return { id: req.id, ok: true, scene, model: { standIns: model.standIns, symbols: model.symbols, detSource: model.detSource } };
    } catch (e) {
      const msg = e instanceof NotNumericError ? `f cannot be evaluated: ${e.message}` : `the picture could not be computed: ${(e as Error).message}`;
      return { id: req.id, ok: false, error: msg };
    }
  }
}

/** The typed arrays of a response, to transfer instead of copying. */
export function transferables(r: ComputeResponse): ArrayBuffer[] {
  if (!r.ok) return [];
  const out = new Set<ArrayBuffer>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 4 || v === null || typeof v !== 'object') return;
    if (ArrayBuffer.isView(v)) { if (v.buffer instanceof ArrayBuffer) out.add(v.buffer); return; }
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x, depth + 1);
  };
  walk(r.scene, 0);
  return [...out];
}
