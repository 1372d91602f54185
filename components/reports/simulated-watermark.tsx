/**
 * "SIMULATED" across the page, fixed so that a printed report repeats it on every page: the figures
 * came from the emulator, not from a real platform. Decorative for screen readers: the report says
 * so in words too.
 */
export function SimulatedWatermark() {
  return (
    <div
      aria-hidden
      data-watermark="simulated"
      className="pointer-events-none fixed inset-0 z-30 flex flex-col items-center justify-around overflow-hidden select-none print:z-0"
    >
      {[0, 1, 2].map((index) => (
        <span
          key={index}
          className="-rotate-30 text-7xl font-black tracking-[0.3em] text-amber-500/15 print:text-amber-500/20"
        >
          SIMULATED
        </span>
      ))}
    </div>
  );
}
