import { Expr } from '../promql';

/** Every node of an expression tree, the root first (a recorded series is a leaf: its rule is read, not recomputed). */
export function exprNodes(expr: Expr): Expr[] {
  const ast = expr.ast;
  const children: Expr[] =
    ast.op === 'range' || ast.op === 'absent'
      ? [ast.series]
      : ast.op === 'histogramQuantile' || ast.op === 'aggregate'
        ? [ast.input]
        : ast.op === 'binary'
          ? [ast.left, ast.right]
          : [];
  return [expr, ...children.flatMap(exprNodes)];
}
