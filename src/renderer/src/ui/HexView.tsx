/**
 * The exact bytes of a body as a hex dump: offset, 16 bytes in hex, their ASCII, with a
 * BOM, CR/LF, NUL, control bytes, multi-byte UTF-8 and stray (non-UTF-8) bytes marked and
 * counted in a legend. Virtualised: only the rows in view exist in the DOM and only they are
 * formatted, so a 10 MB body opens as fast as a small one.
 */
import { useVirtualizer } from '@tanstack/react-virtual'
import { useMemo, useRef } from 'react'
import { countMarks, describeMarks, hexRow, MARK_NAMES, rowCount } from './hex-rows'
import './hex-view.css'

const ROW_HEIGHT = 18

export default function HexView({ bytes, maxHeight = 420, testId = 'hex-view' }: { bytes: Uint8Array; maxHeight?: number; testId?: string }) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const rows = rowCount(bytes)
  const legend = useMemo(() => describeMarks(countMarks(bytes)), [bytes])
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20
  })
  const height = Math.min(maxHeight, Math.max(ROW_HEIGHT, rows * ROW_HEIGHT) + 2)

  return (
    <div className="hex-view" data-testid={testId}>
      <div className="hex-legend faint" data-testid={`${testId}-legend`}>
        {bytes.length.toLocaleString('en-US')} bytes{legend.length ? ': ' : ''}
        {legend.join(' · ')}
        <span className="hex-key" aria-hidden="true">
          <span className="hex-mark-bom">BOM</span> <span className="hex-mark-cr">CR</span> <span className="hex-mark-lf">LF</span>{' '}
          <span className="hex-mark-nul">NUL</span> <span className="hex-mark-utf8">UTF-8</span> <span className="hex-mark-invalid">stray</span>
        </span>
      </div>
      {rows === 0 ? (
        <p className="muted">Empty body.</p>
      ) : (
        <div ref={scrollRef} className="hex-scroll mono" style={{ height }} role="table" aria-label={`Hex dump, ${bytes.length} bytes`} tabIndex={0}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = hexRow(bytes, v.index)
              return (
                <div key={v.index} className="hex-row" role="row" data-testid="hex-row" style={{ transform: `translateY(${v.start}px)` }}>
                  <span className="hex-off" role="rowheader">
                    {row.offset}
                  </span>
                  <span className="hex-bytes" role="cell">
                    {row.cells.map((c, i) => (
                      <span key={i} className={c.mark ? `hex-byte hex-mark-${c.mark}` : 'hex-byte'} title={c.mark ? MARK_NAMES[c.mark] : undefined} data-mark={c.mark}>
                        {c.hex}
                      </span>
                    ))}
                  </span>
                  <span className="hex-ascii" role="cell">
                    {row.cells.map((c, i) => (
                      <span key={i} className={c.mark ? `hex-mark-${c.mark}` : undefined}>
                        {c.ascii}
                      </span>
                    ))}
                  </span>
                </div>
              )
            })}
          </div>
        </div>
      )}
    </div>
  )
}
