// RingedNodeProgram draws a node as a disc in its colour inside an optional
// outer ring (attribute ring, a fraction of the radius, in ringColor) and an
// optional white gap between them (attribute gap, a fraction of the radius):
// the look of @sigma/node-border's program with the borders
// [ring, gap (white), fill], but not instanced.
//
// Why not instanced: sigma's node programs draw each node as one instance of
// a triangle (drawArraysInstanced). Without a GPU, Chromium draws WebGL with
// SwiftShader, which runs an instanced draw as one draw per instance, with
// its fixed set-up cost each time: at 10,000 nodes that was 300-550 ms a
// frame (the picking pass included), even with every node hidden. This
// program writes the three vertices of every node's triangle itself and
// draws all nodes in one drawArrays; on a GPU it costs the same as before.
//
// Sigma also draws every node a second time, into the picking buffer that
// tells which node is under the pointer, at every frame. This program draws
// that pass only when sigma reads the buffer (pickOnDemand): once after a
// frame, at the first pointer move or click over the map, instead of at
// every frame, most of which (a date step, marks arriving, a camera move)
// no pointer asks about.
import type Sigma from 'sigma';
import { NodeProgram, type ProgramInfo } from 'sigma/rendering';
import type { Coordinates, NodeDisplayData, RenderParams } from 'sigma/types';
import { floatColor } from 'sigma/utils';

const { FLOAT, UNSIGNED_BYTE, TRIANGLES } = WebGLRenderingContext;

/** ANGLES are the corners of the triangle drawn around each node's disc. */
const ANGLES = [0, (2 * Math.PI) / 3, (4 * Math.PI) / 3];

/** VARYINGS pass a node's disc and colours from the vertex shader to the fragment shader. */
const VARYINGS = /* glsl */ `
varying vec2 v_diffVector;
varying float v_radius;
varying vec4 v_color;
varying vec4 v_ringColor;
varying float v_ring;
varying float v_gap;
`;

const VERTEX_SHADER = /* glsl */ `
attribute vec2 a_position;
attribute float a_size;
attribute float a_angle;
attribute vec4 a_id;
attribute vec4 a_color;
attribute vec4 a_ringColor;
attribute float a_ring;
attribute float a_gap;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_correctionRatio;

${VARYINGS}
void main() {
  // The triangle circumscribes a disc of radius size / 2 (in clip units).
  float size = a_size * u_correctionRatio / u_sizeRatio * 4.0;
  vec2 diffVector = size * vec2(cos(a_angle), sin(a_angle));
  gl_Position = vec4((u_matrix * vec3(a_position + diffVector, 1)).xy, 0, 1);
  v_radius = size / 2.0;
  v_diffVector = diffVector;
  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  v_ringColor = a_ringColor;
  v_ring = a_ring;
  v_gap = a_gap;
  #endif
}
`;

const FRAGMENT_SHADER = /* glsl */ `
precision highp float;

${VARYINGS}
uniform float u_correctionRatio;

const float bias = 255.0 / 254.0;
const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);
const vec4 white = vec4(1.0, 1.0, 1.0, 1.0);

void main(void) {
  float dist = length(v_diffVector);
  #ifdef PICKING_MODE
  // No antialiasing when picking: the colour is the node's id.
  if (dist > v_radius) gl_FragColor = transparent;
  else {
    gl_FragColor = v_color;
    gl_FragColor.a *= bias;
  }
  #else
  float aa = 2.0 * u_correctionRatio;
  float onePixel = u_correctionRatio;
  float ring = v_radius * v_ring;
  float gap = v_radius * v_gap;
  float fill = v_radius - ring - gap;
  // Each layer thinner than a pixel takes the colour of the one outside it.
  vec4 ringColor = v_ringColor;
  ringColor.a *= bias;
  if (ring <= onePixel) ringColor = transparent;
  vec4 gapColor = white;
  gapColor.a *= bias;
  if (gap <= onePixel) gapColor = ringColor;
  vec4 fillColor = v_color;
  fillColor.a *= bias;
  if (fill <= onePixel) fillColor = gapColor;
  // From the outside in, each edge antialiased over aa.
  float r1 = v_radius - ring;
  float r2 = r1 - gap;
  if (dist > v_radius) gl_FragColor = transparent;
  else if (dist > v_radius - aa) gl_FragColor = mix(ringColor, transparent, (dist - v_radius + aa) / aa);
  else if (dist > r1) gl_FragColor = ringColor;
  else if (dist > r1 - aa) gl_FragColor = mix(gapColor, ringColor, (dist - r1 + aa) / aa);
  else if (dist > r2) gl_FragColor = gapColor;
  else if (dist > r2 - aa) gl_FragColor = mix(fillColor, gapColor, (dist - r2 + aa) / aa);
  else gl_FragColor = fillColor;
  #endif
}
`;

const UNIFORMS = ['u_sizeRatio', 'u_correctionRatio', 'u_matrix'] as const;

/** DEFAULT_RING_COLOR is the ring's colour when a node has none. */
export const DEFAULT_RING_COLOR = '#000000';

export class RingedNodeProgram extends NodeProgram<(typeof UNIFORMS)[number]> {
  /** pickParams are the last frame's render parameters while its picking pass is still to draw. */
  private pickParams: RenderParams | null = null;

  /** render draws the nodes on screen, and leaves the picking pass for drawPicking. */
  render(params: RenderParams): void {
    this.pickParams = null;
    if (this.hasNothingToRender()) return;
    if (this.pickProgram) this.pickParams = params;
    this.normalProgram.gl.viewport(0, 0, params.width * params.pixelRatio, params.height * params.pixelRatio);
    this.bindProgram(this.normalProgram);
    this.renderProgram(params, this.normalProgram);
    this.unbindProgram(this.normalProgram);
  }

  /** drawPicking draws the last frame's picking pass, if it is not drawn yet. */
  drawPicking(): void {
    const params = this.pickParams;
    const pick = this.pickProgram;
    if (!params || !pick) return;
    this.pickParams = null;
    const gl = pick.gl;
    gl.viewport(0, 0, (params.width * params.pixelRatio) / params.downSizingRatio, (params.height * params.pixelRatio) / params.downSizingRatio);
    this.bindProgram(pick);
    this.renderProgram({ ...params, pixelRatio: params.pixelRatio / params.downSizingRatio }, pick);
    this.unbindProgram(pick);
    gl.viewport(0, 0, params.width * params.pixelRatio, params.height * params.pixelRatio);
  }

  getDefinition() {
    return {
      VERTICES: 3,
      VERTEX_SHADER_SOURCE: VERTEX_SHADER,
      FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
      METHOD: TRIANGLES,
      UNIFORMS,
      ATTRIBUTES: [
        { name: 'a_position', size: 2, type: FLOAT },
        { name: 'a_size', size: 1, type: FLOAT },
        { name: 'a_angle', size: 1, type: FLOAT },
        { name: 'a_id', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_color', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_ringColor', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_ring', size: 1, type: FLOAT },
        { name: 'a_gap', size: 1, type: FLOAT },
      ],
    };
  }

  processVisibleItem(nodeIndex: number, startIndex: number, data: NodeDisplayData): void {
    const a = this.array;
    const d = data as NodeDisplayData & { ringColor?: string; ring?: number; gap?: number };
    const color = floatColor(d.color);
    const ringColor = floatColor(d.ringColor || DEFAULT_RING_COLOR);
    let i = startIndex;
    for (const angle of ANGLES) {
      a[i++] = d.x;
      a[i++] = d.y;
      a[i++] = d.size;
      a[i++] = angle;
      a[i++] = nodeIndex;
      a[i++] = color;
      a[i++] = ringColor;
      a[i++] = d.ring || 0;
      a[i++] = d.gap || 0;
    }
  }

  setUniforms(params: RenderParams, { gl, uniformLocations }: ProgramInfo): void {
    gl.uniform1f(uniformLocations.u_correctionRatio, params.correctionRatio);
    gl.uniform1f(uniformLocations.u_sizeRatio, params.sizeRatio);
    gl.uniformMatrix3fv(uniformLocations.u_matrix, false, params.matrix);
  }
}

/**
 * pickOnDemand has sigma draw the picking pass of its ringed nodes just
 * before it reads the picking buffer, and returns the function that draws
 * it (to compile its shaders ahead). Sigma 3 offers no setting for this:
 * its node lookup (getNodeAtPosition, private, used by every pointer
 * event) is wrapped on this instance.
 */
export function pickOnDemand(s: Sigma): () => void {
  const inner = s as unknown as { getNodeAtPosition(p: Coordinates): string | null; nodePrograms: Record<string, unknown> };
  const read = inner.getNodeAtPosition.bind(s);
  const draw = () => {
    for (const program of Object.values(inner.nodePrograms)) if (program instanceof RingedNodeProgram) program.drawPicking();
  };
  inner.getNodeAtPosition = (p: Coordinates) => {
    draw();
    return read(p);
  };
  return draw;
}
