/**
 * Pictures of a project's data flow: {@link org.tinybirdmaven.graph.DataFlow} (which resource feeds which),
 * {@link org.tinybirdmaven.graph.LayeredLayout} (a small layered graph layout, no Graphviz),
 * {@link org.tinybirdmaven.graph.FlowDiagram} (SVG) and {@link org.tinybirdmaven.graph.MermaidFlowchart}.
 */
package org.tinybirdmaven.graph;
